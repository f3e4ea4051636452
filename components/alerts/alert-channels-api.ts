import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/components/api/fetch-json";
import { auditKeys } from "@/components/audit/api";
import {
  alertChannelInputSchema,
  type AlertChannelInput,
  type AlertChannelTestResult,
  type AlertChannelView,
  type CreatedAlertChannel,
} from "@/lib/admin/alert-channel-schema";

// Settings → "Alert channels" (ADMIN). Answers carrying a generated signing secret live only in the
// mutation, which the dialog resets when it closes.

const CHANNELS_PATH = "/api/admin/settings/alert-channels";
const channelPath = (id: string) => `${CHANNELS_PATH}/${encodeURIComponent(id)}`;

export const alertChannelKeys = { all: ["settings", "alert-channels"] as const };

export const alertChannelsQueryOptions = () =>
  queryOptions({
    queryKey: alertChannelKeys.all,
    queryFn: ({ signal }) => fetchJson<{ channels: AlertChannelView[] }>(CHANNELS_PATH, { signal }),
  });

export function useAlertChannels() {
  return useQuery(alertChannelsQueryOptions());
}

/** After a change or a test: the channels (their health too), and the audit log, which gained a line. */
function useInvalidateChannels() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: alertChannelKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

/** The form's values go as typed; the API checks them with the same schema and keeps secrets left empty. */
export function useCreateAlertChannel() {
  const onSuccess = useInvalidateChannels();
  return useMutation({
    mutationFn: (input: AlertChannelInput) =>
      fetchJson<CreatedAlertChannel>(CHANNELS_PATH, { json: alertChannelInputSchema.parse(input) }),
    onSuccess,
  });
}

export function useUpdateAlertChannel(id: string) {
  const onSuccess = useInvalidateChannels();
  return useMutation({
    mutationFn: (input: AlertChannelInput) =>
      fetchJson<AlertChannelView>(channelPath(id), { method: "PUT", json: alertChannelInputSchema.parse(input) }),
    onSuccess,
  });
}

export function useDeleteAlertChannel(id: string) {
  const onSuccess = useInvalidateChannels();
  return useMutation({
    mutationFn: () => fetchJson<{ deleted: true }>(channelPath(id), { method: "DELETE" }),
    onSuccess,
  });
}

/** "Send test alert": one attempt now; a failed send is an answer (ok: false, in words), not an error. */
export function useTestAlertChannel(id: string) {
  const onSuccess = useInvalidateChannels();
  return useMutation({
    mutationFn: () => fetchJson<AlertChannelTestResult>(`${channelPath(id)}/test`, { method: "POST" }),
    onSuccess,
  });
}
