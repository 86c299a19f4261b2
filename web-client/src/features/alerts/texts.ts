export const frequencyTexts = {
  ja: { instant: 'すぐに（最短15分おき）', daily: '1日1回（朝7時）' },
  en: { instant: 'Right away (at most every 15 minutes)', daily: 'Once a day (7 am Japan time)' },
};
