import { share } from '../report-math.js';
import type { Section } from '../report-types.js';
import { count, pct, type SectionContext } from './section-kit.js';

/** The programme's target figure, level 2 and above, now and at the end of the period before. */
export function level2Share({ now, before }: SectionContext): Section {
  const firms = now.aboveSize();
  const atLevel2Plus = now.atLevelOrAbove(2).length;
  return {
    key: 'level2_share',
    title: '规上企业达到二级及以上的比例',
    columns: [
      count('firms', '规上企业'),
      count('atLevel2Plus', '二级及以上'),
      pct('share', '比例'),
      pct('previous', '上期比例'),
    ],
    rows: [
      {
        firms: firms.length,
        atLevel2Plus,
        share: share(atLevel2Plus, firms.length),
        previous: share(before.atLevelOrAbove(2).length, before.aboveSize().length),
      },
    ],
  };
}
