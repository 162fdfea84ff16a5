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
  caseload: {
    title: (date: string) => `Нагрузка кураторов на ${date}`,
    kind: 'Вид учреждения',
    curators: 'Кураторов',
    families: 'Семей',
    minors: 'Несовершеннолетних',
    total: 'Итого',
    none: 'На выбранную дату ни у одного куратора района нет подопечных.',
  },
  curators: {
    distribution: (date: string) => `Распределение кураторов по числу подопечных на ${date}`,
    wards: 'Подопечных у куратора',
    curators: 'Кураторов',
    bucket: (min: number, max: number | null) =>
      max === null ? `${min} и более` : min === max ? `${min}` : `${min}–${max}`,
    withWards: (count: string) => `Кураторов с подопечными: ${count}`,
    overdueTitle: (date: string) => `Просроченные посещения на дому на ${date}`,
    overdueRule:
      'Пункт 2.3 Положения о кураторе: посещать подопечную семью по месту жительства не реже одного раза в месяц.',
    overdueSummary: (active: string, overdue: string) =>
      `Подопечных семей: ${active}, из них с просроченным посещением: ${overdue}`,
    overdueList: 'Семьи с просроченным посещением',
    overdueNone: 'На выбранную дату просроченных посещений нет.',
    overdueByAgency: 'Посещения по учреждениям',
    overdueByCurator: 'Посещения по кураторам',
    activeWards: 'Подопечных',
    overdueWards: 'Просрочено',
    caseloadTitle: (date: string) => `Нагрузка каждого куратора на ${date}`,
    fullName: 'ФИО',
    position: 'Должность',
    agency: 'Учреждение',
    families: 'Семей',
    minors: 'Несовершеннолетних',
    address: 'Адрес семьи',
    lastVisit: 'Последнее посещение',
    dueBy: 'Посетить до',
    none: 'На выбранную дату у кураторов района нет подопечных.',
  },
  curator: {
    back: 'Все кураторы района',
    wardsTitle: (date: string) => `Подопечные семьи на ${date}`,
    address: 'Адрес семьи',
    minors: 'Несовершеннолетних',
    registeredOn: 'Поставлена на учёт',
    assignedOn: 'Куратор с',
    lastVisit: 'Последнее посещение на дому',
    dueBy: 'Посетить до',
    overdue: 'Посещение просрочено',
    yes: 'да',
    no: 'нет',
    noVisit: 'не было',
    none: 'На выбранную дату у куратора нет подопечных.',
    notFound: (id: string) => `Куратор «${id}» не найден.`,
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
  curation: 'Нет данных о кураторах',
  programmes: 'Нет данных о программах',
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
