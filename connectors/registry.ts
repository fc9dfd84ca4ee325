/** Every connector the platform can build from a connection row, by system. Later systems register here. */
import type { ConnectorDefinition, SystemName } from './types';
import { twentyFourSevenOffice } from './24sevenoffice';
import { costTracker } from './costtracker';
import { duell } from './duell';
import { severa } from './severa';
import { talenom } from './talenom';
import { telaris } from './telaris';

const definitions: Partial<Record<SystemName, ConnectorDefinition>> = {
  '24sevenoffice': twentyFourSevenOffice,
  talenom,
  telaris,
  severa,
  costtracker: costTracker,
  duell,
};

export function connectorDefinition(system: SystemName): ConnectorDefinition {
  const definition = definitions[system];
  if (!definition) throw new Error(`no connector for ${system} yet: supported systems are ${supportedSystems().join(', ')}`);
  return definition;
}

export function supportedSystems(): SystemName[] {
  return Object.keys(definitions) as SystemName[];
}
