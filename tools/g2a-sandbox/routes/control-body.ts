import type { SandboxRequest } from "../context";
import { controlError, readJson, type Refusal } from "../http-io";
import { isRecord } from "../json";

/** A control body: a JSON object, or {} when there is none. */
export async function readControlObject(
  request: SandboxRequest,
): Promise<{ ok: true; value: Record<string, unknown> } | Refusal> {
  const body = await readJson(request.readBody);
  if (body.kind === "tooLarge") return { ok: false, reply: controlError(413, "Payload too large") };
  if (body.kind === "malformed") return { ok: false, reply: controlError(400, "Malformed JSON") };
  if (body.kind === "empty") return { ok: true, value: {} };
  if (!isRecord(body.value)) return { ok: false, reply: controlError(400, "The body must be a JSON object") };
  return { ok: true, value: body.value };
}

/** The first key of the body that is not among the known ones, as a refusal. */
export function refuseUnknownKeys(body: Record<string, unknown>, known: readonly string[]): Refusal | null {
  const unknown = Object.keys(body).find((key) => !known.includes(key));
  return unknown === undefined ? null : { ok: false, reply: controlError(400, `${unknown} is not a known field`) };
}
