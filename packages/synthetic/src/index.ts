export { recreateDatabase } from './database.ts';
export { type SeedReport, seedSynthetic } from './load.ts';
export { asOfIso, isScaleName, type Scale, type ScaleName, scales } from './scale.ts';
