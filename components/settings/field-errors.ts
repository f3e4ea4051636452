import { z } from "zod";
import { ApiError } from "@/components/api/fetch-json";

export type FieldErrors = Record<string, string[] | undefined>;

/** A form's values checked with its shared schema: the parsed input, or the first error of each field. */
export function checkForm<T>(
  schema: z.ZodType<T>,
  values: unknown,
): { data: T; errors: null } | { data: null; errors: FieldErrors } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { data: parsed.data, errors: null };
  const { fieldErrors, formErrors } = z.flattenError(parsed.error);
  return { data: null, errors: { ...fieldErrors, ...(formErrors.length > 0 ? { body: formErrors } : {}) } };
}

/** The message under a field: the browser's own check first, then the API's answer for that field. */
export function fieldError(local: FieldErrors | null, apiError: unknown, field: string): string | undefined {
  return local?.[field]?.[0] ?? (apiError instanceof ApiError ? apiError.fieldErrors[field]?.[0] : undefined);
}

/** An API refusal that is not about one of the form's fields, to show above the form. */
export function formLevelError(apiError: unknown, fields: readonly string[]): unknown {
  if (!apiError) return null;
  if (apiError instanceof ApiError && fields.some((field) => apiError.fieldErrors[field]?.length)) return null;
  return apiError;
}
