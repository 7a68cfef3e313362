/**
 * The default branch of a switch over a union: a member nobody handled is a type error at the switch,
 * not an event dropped silently at run time.
 *
 * @example
 * switch (event.type) {
 *   case 'run-start': return;
 *   // ...every other member...
 *   default: return assertNever(event);
 * }
 */
export function assertNever(value: never, message = 'Unhandled member of a union'): never {
  throw new Error(`${message}: ${JSON.stringify(value)}`);
}
