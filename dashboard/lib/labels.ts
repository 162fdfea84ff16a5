/** Every Russian label of the dashboard, so wording is reviewed and changed in one place. */

import type { Role } from '@kdn/platform/principal';
import type {
  AgencyKind,
  MeasureCategory,
  ProgrammeStatus,
  SituationAssessmentCountsFragment,
  TimelinessCountsFragment,
} from './generated/graphql.ts';

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
    from: 'Период с',
    to: 'по',
    apply: 'Показать',
    noDistricts: 'Список районов недоступен',
  },
  loading: 'Загрузка данных…',
  dataOn: (date: string) => `Данные на ${date}`,
  dataOnAndDuring: (date: string, from: string, to: string) =>
    `Состояние на ${date}; события за период с ${from} по ${to}`,
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
    hidden: 'нет доступа',
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
  programmes: {
    byStatus: (date: string) => `Программы (МИПСР) по статусу на ${date}`,
    status: 'Статус',
    programmes: 'Программ',
    total: 'Итого',
    noneStarted: 'На выбранную дату в районе нет программ.',
    measuresTitle: (date: string) => `Исполнение мероприятий на ${date}`,
    measuresNote: 'Все мероприятия программ района, кроме исключённых рабочей группой.',
    timeliness: 'Исполнение',
    measures: 'Мероприятий',
    share: 'Доля',
    byAgencyTitle: 'Исполнение мероприятий по ответственным учреждениям',
    byAgencyNote:
      'Сначала учреждения с наибольшим числом просроченных, неисполненных и отклонённых мероприятий: о них куратор вправе сообщить комиссии (п. 4.6 Положения о кураторе).',
    agency: 'Учреждение',
    byCategoryTitle: 'Исполнение мероприятий по направлениям',
    category: 'Направление',
    noMeasures: 'На выбранную дату в программах района нет мероприятий.',
    lastReportTitle: (date: string) => `Динамика в семьях по последнему отчёту куратора на ${date}`,
    lastReportNote: (families: string) => `Семей с представленным отчётом: ${families}`,
    assessment: 'Оценка',
    families: 'Семей',
    noReports: 'На выбранную дату кураторы ещё не представили отчётов.',
    reviewsTitle: (from: string, to: string) => `Рассмотрение программ рабочими группами с ${from} по ${to}`,
    reviewsNote:
      'Куратор докладывает динамику и предлагает изменения программы на заседании рабочей группы (п. 3.4 Положения о кураторе).',
    figure: 'Показатель',
    reviewed: 'Рассмотрено на заседаниях МРГ',
    changed: 'Изменено по итогам рассмотрения',
  },
  centres: {
    title: 'Ресурсно-методические центры районов',
    allDistricts: 'Все районы: по строке на центр',
    note: 'Показатели «Качинского» перечня (постановление № 2 от 07.02.2012): штат на текущий день, состояние на выбранную дату, события за период. Нажмите на заголовок столбца, чтобы упорядочить строки.',
    none: 'В платформе пока не определено ни одного ресурсно-методического центра.',
    sharesTitle: 'Сравнение центров: доли, %',
    district: 'Район',
    centre: 'РМЦ',
    headAppointed: 'Руководитель назначен',
    secretaryAppointed: 'Секретарь назначен',
    staffFilled: 'Ставок занято',
    staffVacant: 'Ставок вакантно',
    centreCurators: 'Специалистов РМЦ — кураторов',
    centreWards: 'Их подопечных',
    meetingsHeld: 'Заседаний МРГ (протоколов)',
    programmesReviewed: 'Программ рассмотрено',
    reportsDue: 'Отчётов к сроку',
    reportsOnTime: 'Отчётов в срок',
    reportsOnTimeShare: 'Отчётов в срок, %',
    reportsWeighingChange: 'Отчётов с оценкой динамики',
    programmesCorrected: 'Программ скорректировано',
    priorityMeasuresDue: 'Первоочередных мероприятий к сроку',
    priorityMeasuresDone: 'Из них выполнено',
    priorityMeasuresDoneShare: 'Первоочередных выполнено, %',
    familiesOnRegister: 'Семей на учёте',
    activeWards: 'Подопечных у кураторов',
    homeVisitShare: 'Подопечных-месяцев с посещением на дому, %',
    overdueWards: 'Посещение просрочено',
    yes: 'да',
    no: 'нет',
  },
  downloadCsv: 'Скачать CSV',
  noData: 'нет данных',
  /** A share of nothing: none were due. */
  notApplicable: '—',
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
  /** A count below 3 that a methodologist does not see, so that no family can be singled out. */
  suppressed: '<3',
  /** A share or total taken from a suppressed count. */
  withheld: 'скрыто',
  suppressionNote:
    'Показатели меньше 3 скрыты («<3»), а доли и итоги из них — «скрыто»: по малым числам можно узнать семью (п. 3.1 Положения о кураторе о конфиденциальности). На графиках скрытые показатели не показаны.',
  noAccess: {
    data: 'Нет доступа: часть сведений закрыта для вашей роли (п. 3.1 Положения о кураторе о конфиденциальности).',
    district: (name: string) =>
      `Нет доступа к показателям района «${name}»: вашей роли доступен только свой район.`,
    curator:
      'Нет доступа: куратору видны только собственные подопечные (п. 3.1 Положения о кураторе о конфиденциальности).',
    ownDistrictOnly: 'Показаны только центры районов, показатели которых доступны вашей роли.',
  },
  roles: {
    COMMISSION: 'комиссия',
    CURATOR: 'куратор',
    AGENCY: 'учреждение',
    METHODOLOGIST: 'методист',
    INTEGRATOR: 'интеграция',
    ADMIN: 'администратор',
  } satisfies Record<Role, string>,
  session: {
    signedInAs: 'Вы вошли как',
    signOut: 'Выйти',
    ownWards: 'Мои подопечные',
  },
  signIn: {
    title: 'Вход',
    lead: 'Выберите демонстрационного пользователя: каждому роль показывает то, что ей положено видеть.',
    choose: 'Демонстрационные пользователи',
    current: (title: string) =>
      `Сейчас вы вошли как: ${title}. Выберите другого пользователя, чтобы сменить роль.`,
    expired: 'Срок входа истёк или вход не выполнен: войдите снова.',
    demoNote:
      'Демонстрационный вход: панель сама подписывает токен ключом разработки на сервере. В рабочей системе вход выполняется через поставщика удостоверений организации; он здесь не реализован.',
    productionNote:
      'Выбор демонстрационного пользователя отключён: панель запущена без демонстрационных пользователей (их передаёт переменная DEMO_USERS). Вход выполняется через поставщика удостоверений организации, который в эту панель пока не подключён.',
  },
  roleNotice: {
    title: 'Что доступно вашей роли',
    ADMIN:
      'Администратор ведёт справочник (учреждения, ресурсно-методические центры и их штат) и журнал аудита: кто и когда просматривал или изменял сведения о семье. Показателей районов и сведений о семьях эта панель администратору не показывает; справочник и аудит доступны через API платформы.',
    INTEGRATOR:
      'Интеграция видит то, что разрешают области её токена. Показатели районов доступны с областью aggregates:read; у этого токена её нет, поэтому панель ничего не показывает. Прочие сведения доступны через API платформы.',
  },
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
} satisfies Record<AgencyKind, string>;

/** Programme statuses (`ProgrammeStatus`), in the schema’s order. */
export const programmeStatuses = {
  DRAFT: 'Проект',
  APPROVED: 'Утверждена, выполняется',
  UNDER_REVIEW: 'На корректировке',
  COMPLETED: 'Завершена',
  ENDED_OFF_REGISTER: 'Прекращена: семья снята с учёта',
} satisfies Record<ProgrammeStatus, string>;

/** Directions of measures (`MeasureCategory`), in the schema’s order. */
export const measureCategories = {
  SOCIAL: 'Социальные',
  PSYCHOLOGICAL: 'Психологические',
  EDUCATIONAL: 'Педагогические',
  MEDICAL: 'Медицинские',
  LEGAL: 'Правовые и профилактические',
  LEISURE_SPORT: 'Досуговые и спортивные',
  EMPLOYMENT: 'Трудоустройство',
  SOCIAL_SUPPORT_BENEFITS: 'Оформление мер социальной поддержки',
  OTHER: 'Другие',
} satisfies Record<MeasureCategory, string>;

export type MeasureTimeliness = Exclude<keyof TimelinessCountsFragment, 'total'>;

/**
 * Measures against their deadlines (`MeasureTimeliness`, by the fields of `MeasureTimelinessCounts`),
 * from done on time to not yet due; excluded measures are not counted.
 */
export const measureTimeliness = {
  doneOnTime: 'Выполнено в срок',
  doneLate: 'Выполнено с нарушением срока',
  overdue: 'Просрочено',
  notExecuted: 'Не исполнено',
  refusedByAgency: 'Отказ органа',
  notDue: 'Срок не наступил',
} satisfies Record<MeasureTimeliness, string>;

export type SituationAssessment = Exclude<keyof SituationAssessmentCountsFragment, 'families'>;

/** How a family’s situation changed (`SituationAssessment`, by the fields of the last-report counts). */
export const situationAssessments = {
  improved: 'Положительная динамика',
  unchanged: 'Без изменений',
  worsened: 'Отрицательная динамика',
} satisfies Record<SituationAssessment, string>;
