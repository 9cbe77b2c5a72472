import { z } from 'zod';

/** Every 4xx/5xx body: a stable code and the message in Chinese and English. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('中文说明'),
    messageEn: z.string().describe('English message'),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
