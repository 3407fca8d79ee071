import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { declaredUuidParameters, requestParameterProblems } from './request-parameters.guard';

@Controller('things')
class ThingsController {
  @Get(':thing/:slug')
  read(@Param('thing', new ParseUUIDPipe()) thing: string, @Param('slug') slug: string) {
    return { thing, slug };
  }
}

describe('path and query parameters, checked before any handler', () => {
  it('finds the parameters a handler reads through ParseUUIDPipe', () => {
    expect(declaredUuidParameters(ThingsController, 'read')).toEqual(['thing']);
  });

  it('refuses NUL and lone surrogates anywhere, naming the parameter', () => {
    expect(requestParameterProblems({ key: 'a\u0000b' }, {}, [])).toEqual([{ field: 'key', message: expect.stringMatching(/contrôle/) }]);
    expect(requestParameterProblems({}, { limit: ['1', '\uD800'] }, [])).toEqual([
      { field: 'query.limit.1', message: expect.stringMatching(/substitution/) },
    ]);
  });

  it('wants a UUID in ids: declared ones and, by convention, `id` and `…Id`', () => {
    const uuid = '3f2b1c9e-8a1d-4c2b-9f00-0123456789ab';
    expect(requestParameterProblems({ id: uuid, recordId: uuid, thing: uuid, slug: 'pas-un-uuid' }, {}, ['thing'])).toEqual([]);
    expect(requestParameterProblems({ id: 'abc', recordId: '1', thing: 'x' }, {}, ['thing']).map((p) => p.field)).toEqual([
      'id',
      'recordId',
      'thing',
    ]);
  });
});
