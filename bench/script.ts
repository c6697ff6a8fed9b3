// How each bench script ends: exit 0 when its main resolves, or print the error and exit 1
// (child servers and the throwaway cluster are stopped by the script's own finally blocks).
export function runScript(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
