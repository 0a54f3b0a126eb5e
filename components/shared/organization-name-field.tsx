// The organization's name, as it is typed when creating one (Home) and when renaming it (Settings): the
// same field, limit and count under it ("72/80") in both places.
import type * as React from 'react';
import { useTranslations } from 'next-intl';
import { MAX_ORGANIZATION_NAME } from '@/lib/shared/limits';
import { CharacterCount } from './character-count';
import { LabelledField } from './labelled-field';

export function OrganizationNameField(
  props: Omit<React.ComponentProps<typeof LabelledField>, 'id' | 'label' | 'name' | 'maxLength'>,
) {
  const t = useTranslations('console.organizationName');
  return (
    <>
      <LabelledField
        id="organization-name"
        label={t('label')}
        name="name"
        maxLength={MAX_ORGANIZATION_NAME}
        {...props}
      />
      <CharacterCount id="organization-name-count" value={props.value} max={MAX_ORGANIZATION_NAME} />
    </>
  );
}
