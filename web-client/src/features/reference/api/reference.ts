// Codes and their labels (SPEC 2) from /api/v1/reference/*. They hardly ever change, so
// they are fetched once per page load and shared by every screen.

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { type Lang, labelOf, useLang } from '../../../lib/i18n';

export type CodeLabel = components['schemas']['CodeLabel'];
export type PrefectureRef = components['schemas']['PrefectureRef'];

export type CodeKind = 'occupations' | 'facility-types' | 'duties' | 'wage-units' | 'insurance' | 'other-listings';

const fetchers = {
  occupations: () => api.GET('/api/v1/reference/occupations'),
  'facility-types': () => api.GET('/api/v1/reference/facility-types'),
  duties: () => api.GET('/api/v1/reference/duties'),
  'wage-units': () => api.GET('/api/v1/reference/wage-units'),
  insurance: () => api.GET('/api/v1/reference/insurance'),
  'other-listings': () => api.GET('/api/v1/reference/other-listings'),
} as const;

const forever = { staleTime: Infinity, gcTime: Infinity } as const;

export function useCodeList(kind: CodeKind): CodeLabel[] {
  const { data } = useQuery({
    queryKey: ['reference', kind],
    queryFn: async () => (await unwrap(fetchers[kind]())).items,
    ...forever,
  });
  return data ?? [];
}

const prefecturesQuery = {
  queryKey: ['reference', 'prefectures'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/reference/prefectures'))).items,
  ...forever,
};

export function usePrefectures(): PrefectureRef[] {
  const { data } = useQuery(prefecturesQuery);
  return data ?? [];
}

/** The prefectures once loaded, for a handler that needs them even if the screen was used
 * before they arrived (e.g. a search submitted at once). */
export function useLoadPrefectures(): () => Promise<PrefectureRef[]> {
  const client = useQueryClient();
  return () => client.ensureQueryData(prefecturesQuery);
}

export interface Region {
  code: string;
  label: string;
  prefectures: PrefectureRef[];
}

/** Prefectures grouped by their region, in JIS order. */
export function groupByRegion(prefectures: readonly PrefectureRef[], lang: Lang): Region[] {
  const regions: Region[] = [];
  for (const p of prefectures) {
    let r = regions.find((x) => x.code === p.region.code);
    if (!r) {
      r = { code: p.region.code, label: labelOf(p.region, lang), prefectures: [] };
      regions.push(r);
    }
    r.prefectures.push(p);
  }
  return regions;
}

export type Labeller = (code: string | null | undefined) => string;

function labeller(list: readonly { code: string; name_ja: string; name_en: string }[], lang: Lang): Labeller {
  return (code) => (code ? labelOf(list.find((i) => i.code === code), lang, code) : '');
}

/** Label functions for every code list, in the current language. */
export function useLabels() {
  const lang = useLang();
  return {
    lang,
    occupation: labeller(useCodeList('occupations'), lang),
    facilityType: labeller(useCodeList('facility-types'), lang),
    duty: labeller(useCodeList('duties'), lang),
    wageUnit: labeller(useCodeList('wage-units'), lang),
    insurance: labeller(useCodeList('insurance'), lang),
    otherListing: labeller(useCodeList('other-listings'), lang),
    prefecture: labeller(usePrefectures(), lang),
  };
}

export type Labels = ReturnType<typeof useLabels>;
