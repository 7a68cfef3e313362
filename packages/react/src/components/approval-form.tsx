import { type ReactNode, useCallback, useMemo } from 'react';
import { formDecision } from '../schema-form/form-decision';
import { SchemaForm } from '../schema-form/schema-form';
import type { ApprovalRenderProps } from './approval-card';

// The approval card checks resume data with this, loaded with the form rather than with the card.
export { validateJsonSchema } from '@stepline/client';

/**
 * The form of an approval card, generated from the step's resume schema (JSON when the schema could not
 * be read). Loaded lazily by `ApprovalCard`, once the schema is known.
 */
export function ApprovalForm({
  approval,
  submitLabel,
}: {
  approval: ApprovalRenderProps;
  submitLabel: ReactNode;
}) {
  const { resume, resumeSchema, schemaStatus, label } = approval;
  const onSubmit = useCallback((value: unknown) => resume(value), [resume]);
  const decision = useMemo(() => formDecision(resumeSchema), [resumeSchema]);

  return (
    <>
      {schemaStatus === 'unavailable' && (
        <p className="stepline-approval__note">
          The workflow's form could not be loaded: enter the resume data as JSON.
        </p>
      )}
      <SchemaForm
        // A new schema (it arrived, or changed) starts a new form with its defaults.
        key={schemaStatus}
        className="stepline-approval__form"
        schema={resumeSchema}
        onSubmit={onSubmit}
        {...(decision === undefined ? {} : { decision })}
        submitLabel={submitLabel}
        aria-label={`Respond to ${label}`}
      />
    </>
  );
}
