// The JSON shapes a Codex Pooler answers (shared/codex-pooler-contract.md), as zod/mini schemas.
// Unknown extra fields are allowed (the server may add some); the fields we use are checked.
import * as z from 'zod/mini';

const optionalString = z.optional(z.nullable(z.string()));
const optionalNumber = z.optional(z.nullable(z.number()));

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    message: optionalString,
    type: optionalString,
    code: optionalString,
    param: optionalString,
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

// The model list (GET /v1/models) is read entry by entry: see modelList.ts.

export const ChatCompletionSchema = z.object({
  id: optionalString,
  object: optionalString,
  model: z.string().check(z.maxLength(256)),
  choices: z
    .array(
      z.object({
        index: optionalNumber,
        message: z.object({
          role: optionalString,
          content: optionalString,
          refusal: optionalString,
        }),
        finish_reason: optionalString,
      }),
    )
    .check(z.minLength(1)),
  usage: z.optional(
    z.nullable(
      z.object({
        prompt_tokens: optionalNumber,
        completion_tokens: optionalNumber,
        total_tokens: optionalNumber,
      }),
    ),
  ),
});
export type ChatCompletion = z.infer<typeof ChatCompletionSchema>;

const LimitSchema = z.object({
  limit_type: z.string(),
  limit_window: optionalString,
  max_value: optionalNumber,
  current_value: optionalNumber,
  remaining_value: optionalNumber,
  model_filter: optionalString,
  reset_at: optionalString,
  source: optionalString,
});

export const UsageSchema = z.object({
  request_count: z.number(),
  total_tokens: z.number(),
  cached_input_tokens: optionalNumber,
  total_cost_usd: optionalNumber,
  total_cost_status: optionalString,
  limits: z.array(LimitSchema).check(z.maxLength(500)),
  upstream_limits: z.optional(z.nullable(z.array(LimitSchema).check(z.maxLength(500)))),
});
export type Usage = z.infer<typeof UsageSchema>;

/** The first problem zod found, as "path: message", for a log line (never includes body text). */
export function firstIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  return `${path}: ${issue.code}`;
}
