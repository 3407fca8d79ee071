import type { MixedList } from 'typeorm';
import { ExperimentArmTally } from './entities/experiment-arm-tally.entity';
import { ExperimentAssignment } from './entities/experiment-assignment.entity';
import { Experiment } from './entities/experiment.entity';
import { Experiments1801000000000 } from './migrations/1801000000000-experiments';
import { AssignmentReportIndex1801000000005 } from './migrations/1801000000005-assignment-report-index';
import { ArmTally1815000000000 } from './migrations/1815000000000-arm-tally';

export const experimentsEntities: MixedList<Function> = [Experiment, ExperimentAssignment, ExperimentArmTally];
export const experimentsMigrations: MixedList<Function> = [
  Experiments1801000000000,
  AssignmentReportIndex1801000000005,
  ArmTally1815000000000,
];
