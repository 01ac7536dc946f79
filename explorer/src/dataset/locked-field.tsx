import { reasonInWords, unlockInWords, type FieldDenial } from './denials.js';

/** A withheld field: locked, with why in plain words and what would unlock it. */
export function LockedField({ denial }: { denial: FieldDenial }) {
  return (
    <div class="locked" data-locked-field={denial.path}>
      <p class="locked-why"><strong class="lock-badge">Locked</strong> {reasonInWords(denial.reason)}</p>
      <p class="locked-unlock">To unlock: {unlockInWords(denial)}</p>
      <p class="locked-code">Reason code {denial.reason}{denial.policy ? `, policy ${denial.policy}` : ''}</p>
    </div>
  );
}
