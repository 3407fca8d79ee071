import { HandlesJobs, handledJobsOf, jobHandlerProblems } from './handles-jobs';

describe('job handlers against the registry', () => {
  it('reads what a processor class declares', () => {
    @HandlesJobs('a.one', 'a.two')
    class Processor {}
    expect(handledJobsOf(Processor)).toEqual(['a.one', 'a.two']);
  });

  it('accepts exactly one handler per job', () => {
    expect(
      jobHandlerProblems(
        ['a', 'b'],
        [
          { processor: 'P', jobs: ['a'] },
          { processor: 'Q', jobs: ['b'] },
        ],
      ),
    ).toEqual([]);
  });

  it('names a job without a handler, a job with two, and a handler of an unknown job', () => {
    const problems = jobHandlerProblems(
      ['a', 'b', 'c'],
      [
        { processor: 'P', jobs: ['a', 'b'] },
        { processor: 'Q', jobs: ['b', 'z'] },
      ],
    );
    expect(problems).toEqual([
      'job "b" has 2 handlers (P, Q)',
      'job "c" has no handler',
      'job "z" is handled by Q but is not in the job registry',
    ]);
  });
});
