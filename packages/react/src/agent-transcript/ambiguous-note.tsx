/**
 * Says that output shown on a step may be another's: Mastra names a step's output only by the last
 * segment of its id, so two running steps named alike (`alpha-flow.draft`, `beta-flow.draft`) cannot
 * always be told apart. Stepline shows it on the likeliest and says so rather than guess silently.
 */
export function AmbiguousNote({ among }: { among: readonly string[] }) {
  const name = among[0]?.slice(among[0].lastIndexOf('.') + 1) ?? '';
  return (
    <p className="stepline-transcript__ambiguous" role="note">
      May belong to another step named “{name}”: the stream does not tell {among.join(', ')} apart.
    </p>
  );
}
