import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

// Human-in-the-loop demo: outline, three research branches in parallel, a synthesis, then an editorial
// loop (review suspends for a human; request-changes goes through revise and back to review) and a
// decision that either publishes or ends the run.

const briefInputSchema = z.object({
  topic: z.string().min(1),
  audience: z.string().optional(),
});

const outlineSchema = z.object({
  topic: z.string(),
  audience: z.string(),
  sections: z.array(z.string()),
});

const decisionSchema = z.enum(['approve', 'request-changes', 'reject']);

// The loop body's input and output share one shape: what comes out of a round goes into the next one.
const draftSchema = z.object({
  topic: z.string(),
  draft: z.string(),
  revision: z.number().int(),
  decision: decisionSchema.optional(),
  notes: z.string().optional(),
});

const reviewSuspendSchema = z.object({
  reason: z.string(),
  draft: z.string(),
  revision: z.number().int(),
});

const reviewResumeSchema = z.object({
  decision: decisionSchema,
  notes: z.string().optional(),
});

const outputSchema = z.object({
  status: z.enum(['published', 'rejected']),
  topic: z.string(),
  revision: z.number().int(),
  url: z.string().optional(),
  notes: z.string().optional(),
});

const outline = createStep({
  id: 'outline',
  description: 'Outline the brief',
  inputSchema: briefInputSchema,
  outputSchema: outlineSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(150, abortSignal);
    return {
      topic: inputData.topic,
      audience: inputData.audience ?? 'general readers',
      sections: ['Context', 'Key findings', 'Recommendations'],
    };
  },
});

// Different delays so the branches finish in a different order (competitors, audience, sources) than
// they start (sources, competitors, audience).
const researchSources = createStep({
  id: 'research-sources',
  description: 'Collect sources',
  inputSchema: outlineSchema,
  outputSchema: z.object({ sources: z.array(z.string()) }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(450, abortSignal);
    return { sources: [`${inputData.topic}: industry report`, `${inputData.topic}: academic survey`] };
  },
});

const researchCompetitors = createStep({
  id: 'research-competitors',
  description: 'Scan competitors',
  inputSchema: outlineSchema,
  outputSchema: z.object({ competitors: z.array(z.string()) }),
  execute: async ({ abortSignal }) => {
    await delay(150, abortSignal);
    return { competitors: ['Acme Weekly', 'Globex Insights'] };
  },
});

const researchAudience = createStep({
  id: 'research-audience',
  description: 'Profile the audience',
  inputSchema: outlineSchema,
  outputSchema: z.object({ insights: z.array(z.string()) }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(300, abortSignal);
    return { insights: [`${inputData.audience} prefer short summaries`] };
  },
});

const synthesize = createStep({
  id: 'synthesize',
  description: 'Synthesize a first draft',
  inputSchema: z.object({
    'research-sources': z.object({ sources: z.array(z.string()) }),
    'research-competitors': z.object({ competitors: z.array(z.string()) }),
    'research-audience': z.object({ insights: z.array(z.string()) }),
  }),
  outputSchema: draftSchema,
  execute: async ({ inputData, getInitData, abortSignal }) => {
    await delay(200, abortSignal);
    const { topic } = getInitData<z.infer<typeof briefInputSchema>>();
    const sources = inputData['research-sources'].sources.length;
    const competitors = inputData['research-competitors'].competitors.length;
    return {
      topic,
      draft: `Draft on ${topic}: ${sources} sources, ${competitors} competitors.`,
      revision: 1,
    };
  },
});

const review = createStep({
  id: 'review',
  description: 'Editorial review',
  inputSchema: draftSchema,
  outputSchema: draftSchema,
  suspendSchema: reviewSuspendSchema,
  resumeSchema: reviewResumeSchema,
  execute: async ({ inputData, resumeData, suspend }) => {
    if (!resumeData) {
      return suspend({
        reason: inputData.revision === 1 ? 'First draft needs an editor' : 'Revised draft needs an editor',
        draft: inputData.draft,
        revision: inputData.revision,
      });
    }
    return { ...inputData, decision: resumeData.decision, notes: resumeData.notes };
  },
});

const revise = createStep({
  id: 'revise',
  description: 'Revise the draft',
  inputSchema: draftSchema,
  outputSchema: draftSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(250, abortSignal);
    return {
      topic: inputData.topic,
      draft: `${inputData.draft} [revised: ${inputData.notes ?? 'no notes'}]`,
      revision: inputData.revision + 1,
      decision: inputData.decision,
      notes: inputData.notes,
    };
  },
});

// One editorial round. Only a request for changes runs `revise`; the map flattens the branch output
// (`{ revise?: draft }`) back into the loop's draft shape. Workflows hold per-Mastra state (runs,
// registration), so each server builds its own. Mastra serializes condition and map functions into the
// step graph as source text, so they avoid type annotations (Node's type stripping leaves blanks).
function createEditorialRound() {
  return createWorkflow({
    id: 'editorial-round',
    description: 'Review, and revise when changes are requested',
    inputSchema: draftSchema,
    outputSchema: draftSchema,
  })
    .then(review)
    .branch([[async ({ inputData }) => inputData.decision === 'request-changes', revise]])
    .map(async ({ inputData, getStepResult }) => inputData.revise ?? getStepResult(review), {
      id: 'round-result',
      description: 'Carry the draft into the next round',
    })
    .commit();
}

// A rejection is an editorial outcome, not an error: the step bails, which ends the run successfully
// with `{ status: 'rejected' }` as the result and skips `publish`.
const editorialDecision = createStep({
  id: 'editorial-decision',
  description: 'Apply the final editorial decision',
  inputSchema: draftSchema,
  outputSchema: draftSchema,
  execute: async ({ inputData, bail }) => {
    if (inputData.decision === 'reject') {
      return bail({
        status: 'rejected',
        topic: inputData.topic,
        revision: inputData.revision,
        notes: inputData.notes,
      });
    }
    return inputData;
  },
});

const publish = createStep({
  id: 'publish',
  description: 'Publish the brief',
  inputSchema: draftSchema,
  outputSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(200, abortSignal);
    const slug = inputData.topic.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return {
      status: 'published' as const,
      topic: inputData.topic,
      revision: inputData.revision,
      url: `https://briefs.example.com/${slug}`,
      notes: inputData.notes,
    };
  },
});

export function createContentBriefWorkflow() {
  return createWorkflow({
    id: 'content-brief',
    description: 'Research a topic, draft a brief and have an editor approve it',
    inputSchema: briefInputSchema,
    outputSchema,
  })
    .then(outline)
    .parallel([researchSources, researchCompetitors, researchAudience])
    .then(synthesize)
    .dountil(createEditorialRound(), async ({ inputData }) => inputData.decision !== 'request-changes')
    .then(editorialDecision)
    .then(publish)
    .commit();
}
