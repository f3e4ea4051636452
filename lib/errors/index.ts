export { AppError, isAppError, type FieldErrors } from "./app-error";
export { ERROR_STATUS, G2A_ERROR_CODES, type ErrorCode, type G2aErrorCode } from "./codes";
export {
  fieldErrorsOf,
  toAdminError,
  toG2aError,
  type AdminErrorBody,
  type ErrorEnvelope,
  type G2aErrorBody,
} from "./envelopes";
