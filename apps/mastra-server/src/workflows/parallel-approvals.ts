import { createStep, createWorkflow } from '@mastra/core/workflows';
import { z } from 'zod';
import { delay } from './delay.ts';

// Two approvals wait at the same time; each is resumed on its own by step id.

const requestSchema = z.object({ contract: z.string(), amount: z.number() });
const approvalSuspendSchema = z.object({ reason: z.string(), contract: z.string(), amount: z.number() });
const approvalResumeSchema = z.object({ approved: z.boolean(), approver: z.string() });
const approvalSchema = z.object({ approved: z.boolean(), approver: z.string() });

const prepare = createStep({
  id: 'prepare-contract',
  description: 'Prepare the contract',
  inputSchema: requestSchema,
  outputSchema: requestSchema,
  execute: async ({ inputData, abortSignal }) => {
    await delay(120, abortSignal);
    return inputData;
  },
});

function approvalStep<TId extends string>(id: TId, description: string, reason: string, ms: number) {
  return createStep({
    id,
    description,
    inputSchema: requestSchema,
    outputSchema: approvalSchema,
    suspendSchema: approvalSuspendSchema,
    resumeSchema: approvalResumeSchema,
    execute: async ({ inputData, resumeData, suspend, abortSignal }) => {
      if (!resumeData) {
        await delay(ms, abortSignal);
        return suspend({ reason, contract: inputData.contract, amount: inputData.amount });
      }
      return { approved: resumeData.approved, approver: resumeData.approver };
    },
  });
}

const legal = approvalStep('legal-approval', 'Legal sign-off', 'Legal must review the terms', 100);
const finance = approvalStep('finance-approval', 'Finance sign-off', 'Finance must approve the amount', 200);

const finalize = createStep({
  id: 'finalize-contract',
  description: 'Sign the contract',
  inputSchema: z.object({ 'legal-approval': approvalSchema, 'finance-approval': approvalSchema }),
  outputSchema: z.object({ signed: z.boolean(), approvers: z.array(z.string()) }),
  execute: async ({ inputData, abortSignal }) => {
    await delay(120, abortSignal);
    const legalResult = inputData['legal-approval'];
    const financeResult = inputData['finance-approval'];
    return {
      signed: legalResult.approved && financeResult.approved,
      approvers: [legalResult.approver, financeResult.approver],
    };
  },
});

export function createParallelApprovalsWorkflow() {
  return createWorkflow({
    id: 'parallel-approvals',
    description: 'Legal and finance approvals suspend in parallel and are resumed separately',
    inputSchema: requestSchema,
    outputSchema: z.object({ signed: z.boolean(), approvers: z.array(z.string()) }),
  })
    .then(prepare)
    .parallel([legal, finance])
    .then(finalize)
    .commit();
}
