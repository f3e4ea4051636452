import { AlertTriangle, RotateCw } from "lucide-react";
import { buttonStyles } from "./button-styles";

/** A failed load, in words, with a way to try again. */
export function ErrorState({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="flex items-center gap-2 font-medium">
        <AlertTriangle aria-hidden className="h-4 w-4" />
        {title}
      </p>
      <p className="mt-1">{message}</p>
      <button type="button" onClick={onRetry} className={`${buttonStyles.secondary} mt-3`}>
        <RotateCw aria-hidden className="h-4 w-4" />
        Try again
      </button>
    </div>
  );
}
