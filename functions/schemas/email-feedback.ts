import * as z from 'zod/mini';

const recipients = () => z.array(z.looseObject({ emailAddress: z.string() }));

/**
 * What SES sends through the configuration set's EventBridge destination for a bounce or a complaint (the
 * fields read here; the rest passes). Its `mail.tags` are the message tags set when sending: `case` names the
 * case. The local stack feeds the same shape to the same handler.
 */
export const EmailFeedbackSchema = /* @__PURE__ */ z.lazy(() =>
  z.looseObject({
    'detail-type': z.string(),
    detail: z.looseObject({
      eventType: z.enum(['Bounce', 'Complaint']),
      mail: z.looseObject({ tags: z.optional(z.record(z.string(), z.array(z.string()))) }),
      bounce: z.optional(z.looseObject({ bounceType: z.string(), bouncedRecipients: recipients() })),
      complaint: z.optional(z.looseObject({ complainedRecipients: recipients() })),
    }),
  }),
);
export type EmailFeedback = z.infer<typeof EmailFeedbackSchema>;
