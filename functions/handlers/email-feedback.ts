import { stepHandler } from '../middleware/step-handler.js';
import { EmailFeedbackSchema } from '../schemas/email-feedback.js';
import { handleEmailFeedback } from '../use-cases/email-feedback.js';
import { emailFeedbackDeps } from '../wiring/deps.js';

/** SES bounces and complaints, from the configuration set's EventBridge destination (locally: a test hook). */
export const handler = stepHandler(EmailFeedbackSchema, (event) =>
  handleEmailFeedback(event, emailFeedbackDeps()),
);
