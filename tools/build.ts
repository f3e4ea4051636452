import { ensureBuild } from "./build/ensure-build";

// `npm run build`: always rebuilds; `npm start` and `npm test` rebuild only when sources changed.
ensureBuild(process.cwd(), { force: process.argv.includes("--force") || !process.argv.includes("--if-stale") }).then(
  (built) => {
    if (!built) console.log("The production bundle is up to date.");
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
