/** Every Russian label of the dashboard, so wording is reviewed and changed in one place. */

export const ui = {
  appTitle: 'Панель КДН и ЗП',
  appDescription: 'Сведения комиссий по делам несовершеннолетних и защите их прав',
  nav: [
    { href: '/', label: 'Обзор района' },
    { href: '/curators', label: 'Кураторы' },
    { href: '/programmes', label: 'Программы' },
    { href: '/resource-centres', label: 'Ресурсные центры' },
  ],
  navLabel: 'Разделы',
  filters: {
    district: 'Район',
    asOf: 'Дата',
    apply: 'Показать',
    noDistricts: 'Список районов недоступен',
  },
  comingSoon: 'Раздел появится вместе с аналитикой.',
  loading: 'Загрузка данных…',
  dataOn: (date: string) => `Данные на ${date}`,
  register: {
    onDate: (date: string) => `Состоят на учёте на ${date}`,
    during: (from: string, to: string) => `Поставлены на учёт с ${from} по ${to}`,
    families: 'Семей',
    minors: 'Несовершеннолетних',
  },
  staff: {
    title: 'Штат ресурсно-методического центра',
    current: 'По текущему штатному расписанию, без учёта выбранной даты.',
    none: 'В районе не определён ресурсно-методический центр.',
    head: 'Руководитель РМЦ',
    secretary: 'Секретарь РМЦ',
    appointed: (yes: boolean) => (yes ? 'назначен' : 'не назначен'),
    totals: (filled: string, vacant: string) => `Всего ставок: занято ${filled}, вакантно ${vacant}`,
    position: 'Должность',
    filled: 'Занято ставок',
    vacant: 'Вакантно ставок',
  },
  agencies: {
    title: 'Органы и учреждения системы профилактики',
    current: 'По текущему перечню, без учёта выбранной даты.',
    kind: 'Вид',
    count: 'Количество',
    list: 'Перечень учреждений',
    none: 'Учреждения района не внесены.',
  },
  downloadCsv: 'Скачать CSV',
  noData: 'нет данных',
  noDistricts: 'В платформе пока нет ни одного района.',
  districtNotFound: (code: string) => `Район с кодом «${code}» не найден.`,
  missingData: (service: string) =>
    `${missingDataOf[service] ?? 'Нет части данных'}: сервис ${service} недоступен`,
  gatewayDown: {
    title: 'Нет связи с сервером данных',
    text: 'Панель не получила ответа от шлюза данных платформы. Проверьте, что платформа запущена, и повторите попытку.',
  },
  unexpectedError: {
    title: 'Не удалось показать страницу',
    text: 'Произошла непредвиденная ошибка. Повторите попытку; если ошибка не исчезнет, сообщите администратору.',
  },
  retry: 'Повторить',
} as const;

/** What a page lacks when a subgraph is down, by the service the gateway names. */
const missingDataOf: Record<string, string> = {
  registry: 'Нет данных реестра',
  agencies: 'Нет данных о районах и учреждениях',
};

/** Kinds of agencies of the prevention system (`AgencyKind`), in the schema’s order. */
export const agencyKinds = {
  EDUCATION: 'Образовательные учреждения',
  POLICE_JUVENILE_UNIT: 'Подразделения по делам несовершеннолетних (ОДН ОП)',
  GUARDIANSHIP: 'Органы опеки и попечительства',
  SOCIAL_SERVICE_CENTRE: 'Центры социальной помощи семье и детям',
  SOCIAL_PROTECTION: 'Органы социальной защиты населения',
  HEALTH: 'Учреждения здравоохранения',
  CULTURE_SPORT: 'Учреждения культуры и спорта',
  EMPLOYMENT: 'Службы занятости',
  YOUTH: 'Органы по делам молодёжи',
  OTHER: 'Другие',
} as const;

export type AgencyKind = keyof typeof agencyKinds;
