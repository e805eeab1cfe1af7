import { HIDDEN_CHARACTERS_MESSAGE } from '../../../functions/schemas/common.js';
import {
  ExtendBodySchema,
  ReasonBodySchema,
  ResendBodySchema,
} from '../../../functions/schemas/console-actions.js';
import { fieldErrorsOf } from '../../support/field-errors.js';

const STEP = 'abcdefghijklmnop_-0123';

describe('the console actions’ bodies', () => {
  it('need a reason to resume, cancel or reassign, held to the text rules', () => {
    // Act
    const missing = fieldErrorsOf(ReasonBodySchema, { csrf: 't' });
    const blank = fieldErrorsOf(ReasonBodySchema, { reason: '   ' });
    const hidden = fieldErrorsOf(ReasonBodySchema, { reason: 'see scan\u202Efdp.exe' });
    const accepted = ReasonBodySchema.parse({ reason: '  Spoke with the patient  ', csrf: 't' });

    // Assert
    expect(missing.map((e) => e.path)).toEqual(['reason']);
    expect(blank).toEqual([{ path: 'reason', message: 'Required' }]);
    expect(hidden).toEqual([{ path: 'reason', message: HIDDEN_CHARACTERS_MESSAGE }]);
    expect(accepted).toEqual({ reason: 'Spoke with the patient', csrf: 't' });
  });

  it('take a re-send’s reason as optional, an empty one as none, and refuse hidden text in it', () => {
    // Act
    const empty = ResendBodySchema.parse({ callbackId: STEP, reason: '' });
    const given = ResendBodySchema.parse({ callbackId: STEP, reason: ' Lost in spam ' });
    const hidden = fieldErrorsOf(ResendBodySchema, { callbackId: STEP, reason: 'ok\u0007' });
    const badStep = fieldErrorsOf(ResendBodySchema, { callbackId: 'x' });
    const unknown = fieldErrorsOf(ResendBodySchema, { callbackId: STEP, deadline: 3 });

    // Assert
    expect(empty).toEqual({ callbackId: STEP });
    expect(given).toEqual({ callbackId: STEP, reason: 'Lost in spam' });
    expect(hidden).toEqual([{ path: 'reason', message: HIDDEN_CHARACTERS_MESSAGE }]);
    expect(badStep).toEqual([{ path: 'callbackId', message: 'Must be a step id from the case' }]);
    expect(unknown).toEqual([{ path: 'deadline', message: 'Unknown field' }]);
  });

  it('extend to a date-time or by whole days, exactly one of the two', () => {
    // Act
    const both = fieldErrorsOf(ExtendBodySchema, {
      callbackId: STEP,
      until: '2027-01-01T00:00:00Z',
      days: '2',
    });
    const neither = fieldErrorsOf(ExtendBodySchema, { callbackId: STEP });
    const fraction = fieldErrorsOf(ExtendBodySchema, { callbackId: STEP, days: '1.5' });
    const noOffset = fieldErrorsOf(ExtendBodySchema, { callbackId: STEP, until: '2027-01-01T00:00:00' });
    const days = ExtendBodySchema.parse({ callbackId: STEP, days: '3', reason: '' });

    // Assert
    expect(both).toEqual([{ path: 'until', message: 'Give until or days, not both' }]);
    expect(neither).toEqual([{ path: 'until', message: 'Give until or days, not both' }]);
    expect(fraction).toEqual([{ path: 'days', message: 'Must be whole days' }]);
    expect(noOffset).toEqual([{ path: 'until', message: 'Must be an ISO 8601 date-time' }]);
    expect(days).toEqual({ callbackId: STEP, days: 3 });
  });
});
