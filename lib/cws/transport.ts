export { exchange, parseJson, retryAfterSeconds, type Exchange, type ExchangeRequest } from "@/lib/api-client/exchange";
