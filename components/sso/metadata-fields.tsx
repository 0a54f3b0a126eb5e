'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useFieldValue } from '@/components/shared/field-input';
import { FieldHelp } from '@/components/shared/field-help';
import { LabelledField } from '@/components/shared/labelled-field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { MAX_SAML_METADATA_BYTES } from '@/lib/shared/limits';

/** The URL field's example: the shape of Okta's metadata URL, the same in every language. */
const EXAMPLE_URL = 'https://acme.okta.com/app/…/sso/saml/metadata';

/**
 * Where SAML metadata comes from: its URL (the server fetches it), or a file read here in the browser
 * and sent as its text (`metadataXml`, a hidden field), at most 1 MB. The file wins once one is chosen.
 */
export function MetadataFields({
  id,
  errors,
  urlHelp,
}: {
  id: string;
  /** The form's messages for the two fields. */
  /** `metadata`: what the parser or the fetch said, about whichever source was used. */
  errors: { metadataUrl?: string; metadataXml?: string; metadata?: string };
  urlHelp: string;
}) {
  const t = useTranslations('sso.metadata');
  const url = useFieldValue('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function read(chosen: File | undefined) {
    setFile(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > MAX_SAML_METADATA_BYTES) {
      setFileError(t('tooLarge', { file: chosen.name }));
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  }

  const fileMessage = fileError ?? errors.metadataXml ?? (file ? errors.metadata : undefined);
  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <LabelledField
          id={`${id}-url`}
          label={t('urlLabel')}
          name="metadataUrl"
          type="url"
          {...url}
          disabled={file !== null}
          error={file ? null : (errors.metadataUrl ?? errors.metadata)}
          code
          placeholder={EXAMPLE_URL}
          help={file ? t('fileUsed') : urlHelp}
        />
      </div>
      <div className="grid gap-2">
        <Label htmlFor={`${id}-file`}>{t('fileLabel')}</Label>
        <Input
          id={`${id}-file`}
          type="file"
          accept=".xml,application/xml,text/xml"
          aria-invalid={fileMessage ? true : undefined}
          aria-describedby={`${id}-file-help`}
          onChange={(event) => void read(event.target.files?.[0])}
        />
        <input type="hidden" name="metadataXml" value={file?.text ?? ''} />
        <FieldHelp id={`${id}-file-help`} error={fileMessage}>
          {file ? t('fileChosen', { file: file.name }) : t('fileHelp')}
        </FieldHelp>
      </div>
    </div>
  );
}
