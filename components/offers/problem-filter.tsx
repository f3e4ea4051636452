import { buttonStyles } from "@/components/ui/button-styles";
import type { OfferProblem } from "@/lib/admin/offer-schema";
import { OFFER_PROBLEMS, PROBLEM_LABELS } from "./format";

type ProblemFilterProps = {
  value: OfferProblem | undefined;
  counts: Record<OfferProblem, number> | undefined;
  onChange: (problem: OfferProblem | undefined) => void;
};

const chip = "rounded-full px-3 py-1";

/** One chip per problem with how many offers have it; the pressed one filters the list. */
export function ProblemFilter({ value, counts, onChange }: ProblemFilterProps) {
  return (
    <div role="group" aria-label="Show offers with a problem" className="flex flex-wrap gap-2">
      <button
        type="button"
        aria-pressed={value === undefined}
        onClick={() => onChange(undefined)}
        className={`${value === undefined ? buttonStyles.primary : buttonStyles.secondary} ${chip}`}
      >
        All offers
      </button>
      {OFFER_PROBLEMS.map((problem) => (
        <button
          key={problem}
          type="button"
          aria-pressed={value === problem}
          onClick={() => onChange(value === problem ? undefined : problem)}
          className={`${value === problem ? buttonStyles.primary : buttonStyles.secondary} ${chip}`}
        >
          {PROBLEM_LABELS[problem]}
          {counts && (
            <span className="tabular-nums opacity-80">
              <span className="sr-only">: </span>
              {counts[problem]}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
