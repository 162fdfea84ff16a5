import { field, present } from '@kdn/platform';
import type { StaffPosition as StaffPositionRecord } from '@kdn/prisma/agencies';
import { z } from 'zod';
import { Agency } from '../agency/refs.ts';
import { builder } from '../builder.ts';
import { District } from '../district/refs.ts';
import { createResourceCentre, type StaffLine, updateResourceCentre } from './changes.ts';
import { allResourceCentres, sum } from './figures.ts';
import { ResourceCentre } from './refs.ts';

const StaffPosition = builder.objectRef<StaffPositionRecord>('StaffPosition');

StaffPosition.implement({
  description: 'A line of the centre’s staff schedule: posts (ставки) of one title, filled and vacant.',
  fields: (t) => ({
    title: t.exposeString('title', { description: 'Job title, in Russian, e.g. «педагог-психолог».' }),
    filled: t.float({
      description: 'Posts filled (may be fractional, e.g. 0.5).',
      resolve: (p) => Number(p.filled),
    }),
    vacant: t.float({ description: 'Posts vacant.', resolve: (p) => Number(p.vacant) }),
  }),
});

ResourceCentre.implement({
  description:
    'A district’s resource-methodological centre (РМЦ): a social service centre that organises the individual ' +
    'work, hosts working-group meetings and keeps their protocols, trains curators and writes analytic reports.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the resource centre.' }),
    district: t.field({
      type: District,
      description: 'The district it serves.',
      resolve: (centre, _args, { loaders }) =>
        present(loaders.district.load(centre.districtCode), 'district'),
    }),
    agency: t.field({
      type: Agency,
      description: 'The social service centre designated as the РМЦ.',
      resolve: (centre, _args, { loaders }) => present(loaders.agency.load(centre.agencyId), 'agency'),
    }),
    headAppointed: t.exposeBoolean('headAppointed', {
      description: 'Whether the centre’s head (руководитель РМЦ) is appointed by order of the director.',
    }),
    secretaryAppointed: t.exposeBoolean('secretaryAppointed', {
      description: 'Whether the centre’s secretary (секретарь РМЦ) is appointed.',
    }),
    staffPositions: t.field({
      type: [StaffPosition],
      description: 'The staff schedule of the centre’s work, line by line.',
      resolve: (centre, _args, { loaders }) => loaders.staffPositions.load(centre.id),
    }),
    staffFilled: t.float({
      description: 'Posts filled, all titles together.',
      resolve: async (centre, _args, { loaders }) =>
        sum(await loaders.staffPositions.load(centre.id), 'filled'),
    }),
    staffVacant: t.float({
      description: 'Posts vacant, all titles together.',
      resolve: async (centre, _args, { loaders }) =>
        sum(await loaders.staffPositions.load(centre.id), 'vacant'),
    }),
    version: t.exposeInt('version', {
      description: 'Changes with every update; send it back to update the centre.',
    }),
  }),
});

builder.asEntity(ResourceCentre, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, { loaders }) => loaders.resourceCentre.load(id),
});

builder.queryField('resourceCentres', (t) =>
  t.field({
    type: [ResourceCentre],
    nullable: true,
    description: 'The resource centres of every district, by district code.',
    resolve: async (_root, _args, { db, loaders }) =>
      (await allResourceCentres(db)).map(({ district, agency, staffPositions, centre }) => {
        loaders.district.prime(district.code, district);
        loaders.agency.prime(agency.id, agency);
        loaders.staffPositions.prime(centre.id, staffPositions);
        return centre;
      }),
  }),
);

const posts = z
  .number()
  .min(0, 'must not be negative')
  .max(100, 'must be at most 100')
  .multipleOf(0.25, 'must be a multiple of 0.25');

const StaffPositionInput = builder
  .inputType('StaffPositionInput', {
    description: 'A line of a staff schedule.',
    fields: (t) => ({
      title: t.string({ validate: field.text(200), description: 'Job title.' }),
      filled: t.float({ validate: posts, description: 'Posts filled, in steps of 0.25.' }),
      vacant: t.float({
        required: false,
        validate: posts,
        description: 'Posts vacant, in steps of 0.25; 0 when omitted.',
      }),
    }),
  })
  .validate(
    z
      .custom<{ title: string; filled: number; vacant?: number | null }>()
      .transform((line): StaffLine => ({ ...line, vacant: line.vacant ?? 0 })),
  );

/** A staff schedule: each title once, each line with posts. */
const staffSchedule = z
  .array(z.custom<StaffLine>())
  .max(50, 'must have at most 50 lines')
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.title))
        ctx.addIssue({ code: 'custom', path: [index, 'title'], message: 'is listed twice' });
      if (line.filled + line.vacant === 0)
        ctx.addIssue({ code: 'custom', path: [index, 'filled'], message: 'a line must have posts' });
      seen.add(line.title);
    });
  });

const CreateResourceCentreInput = builder.inputType('CreateResourceCentreInput', {
  description: 'Designates a social service centre as its district’s resource centre.',
  fields: (t) => ({
    districtCode: t.string({
      validate: field.text(64),
      description: 'The district; it must not have a resource centre yet.',
    }),
    agencyId: t.id({
      validate: field.id(),
      description: 'The social service centre of that district that becomes the РМЦ.',
    }),
    headAppointed: t.boolean({ description: 'Whether the head is appointed.' }),
    secretaryAppointed: t.boolean({ description: 'Whether the secretary is appointed.' }),
    staffPositions: t.field({
      type: [StaffPositionInput],
      validate: staffSchedule,
      description: 'The staff schedule.',
    }),
  }),
});

const UpdateResourceCentreInput = builder.inputType('UpdateResourceCentreInput', {
  description: 'Changes to a resource centre; omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ validate: field.id(), description: 'The centre to change.' }),
    version: t.int({
      validate: field.version(),
      description: 'The version last read; a stale one is refused with `CONFLICT`.',
    }),
    headAppointed: t.boolean({ required: false, description: 'Whether the head is appointed.' }),
    secretaryAppointed: t.boolean({ required: false, description: 'Whether the secretary is appointed.' }),
    staffPositions: t.field({
      type: [StaffPositionInput],
      required: false,
      validate: staffSchedule,
      description: 'A new staff schedule, replacing the old one whole.',
    }),
  }),
});

builder.mutationFields((t) => ({
  createResourceCentre: t.field({
    type: ResourceCentre,
    description: 'Designates a district’s resource centre with its staff schedule.',
    args: { input: t.arg({ type: CreateResourceCentreInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db }) => createResourceCentre(db, access, input),
  }),
  updateResourceCentre: t.field({
    type: ResourceCentre,
    description: 'Records appointments or a new staff schedule of a resource centre.',
    args: { input: t.arg({ type: UpdateResourceCentreInput, description: 'What to write.' }) },
    resolve: (_root, { input }, { access, db, loaders }) => updateResourceCentre(db, access, loaders, input),
  }),
}));
