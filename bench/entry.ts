// A benchmark script's entry: exit 0 when `main` is done (servers and pools may keep the loop
// alive), or print the failure and exit 1.
export function runEntry(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
