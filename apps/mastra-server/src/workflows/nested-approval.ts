import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

// The suspending step lives inside a nested workflow, so it is addressed by its path
// (`approval-chain.manager-approval`) on the stream, in the snapshot and when resuming.

const expenseSchema = z.object({ employee: z.string(), amount: z.number() });
const decisionSchema = z.object({ employee: z.string(), amount: z.number(), approved: z.boolean() });

const submit = createStep({
  id: 'submit-expense',
  description: 'Submit the expense report',
  inputSchema: expenseSchema,
  outputSchema: expenseSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(120, abortSignal);
    return inputData;
  },
});

const checkPolicy = createStep({
  id: 'check-policy',
  description: 'Check the expense policy',
  inputSchema: expenseSchema,
  outputSchema: expenseSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(120, abortSignal);
    return inputData;
  },
});

const managerApproval = createStep({
  id: 'manager-approval',
  description: 'Manager approval',
  inputSchema: expenseSchema,
  outputSchema: decisionSchema,
  suspendSchema: z.object({ reason: z.string(), employee: z.string(), amount: z.number() }),
  resumeSchema: z.object({ approved: z.boolean(), comment: z.string().optional() }),
  execute: async ({ inputData, resumeData, suspend }) => {
    if (!resumeData) {
      return suspend({ reason: 'Over the auto-approval limit', ...inputData });
    }
    return { ...inputData, approved: resumeData.approved };
  },
});

const reimburse = createStep({
  id: 'reimburse',
  description: 'Pay the expense',
  inputSchema: decisionSchema,
  outputSchema: z.object({ paid: z.boolean(), amount: z.number() }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(150, abortSignal);
    return { paid: inputData.approved, amount: inputData.approved ? inputData.amount : 0 };
  },
});

export function createNestedApprovalWorkflow() {
  const approvalChain = createWorkflow({
    id: 'approval-chain',
    description: 'Policy check, then a manager approval',
    inputSchema: expenseSchema,
    outputSchema: decisionSchema,
  })
    .then(checkPolicy)
    .then(managerApproval)
    .commit();

  return createWorkflow({
    id: 'nested-approval',
    description: 'An approval that suspends inside a nested workflow',
    inputSchema: expenseSchema,
    outputSchema: z.object({ paid: z.boolean(), amount: z.number() }),
  })
    .then(submit)
    .then(approvalChain)
    .then(reimburse)
    .commit();
}
