import { controlError, readJson, type BodyRead, type Refusal } from "./http-io";

/** A control request's JSON body; undefined when it has none, for each route to decide what that means. */
export async function readControlJson(
  readBody: () => Promise<BodyRead>,
): Promise<{ ok: true; value: unknown } | Refusal> {
  const body = await readJson(readBody);
  if (body.kind === "tooLarge") return { ok: false, reply: controlError(413, "Payload too large") };
  if (body.kind === "malformed") return { ok: false, reply: controlError(400, "Malformed JSON") };
  return { ok: true, value: body.kind === "empty" ? undefined : body.value };
}
