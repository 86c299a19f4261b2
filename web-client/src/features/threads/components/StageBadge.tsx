import { useLang } from '../../../lib/i18n';
import { stageLabel, stageTone } from '../utils/stages';
import type { Stage } from '../utils/types';

/** The stage of a thread as a coloured label (the colour repeats what the words say). */
export function StageBadge({ stage }: { stage: Stage }) {
  const lang = useLang();
  return <span className={`status stage-${stageTone(stage)}`}>{stageLabel(stage, lang)}</span>;
}
