import { describe, expect, it } from 'vitest';
import * as contracts from '../../../contracts/merchant-management/index.ts';
import { createTestSimulator, handle, handlerContext } from '../../../test/helpers.ts';
import { createDivisionBody, updateDivisionBody } from '../../../test/merchant-management-bodies.ts';
import { createDivision, queryDivision, updateDivision } from './divisions.ts';
import { DIVISION_EXTERNAL_IDS, DIVISIONS } from './state.ts';

async function setup() {
  const t = await createTestSimulator({ background: false });
  const context = handlerContext(t, { now: 7_000 });
  const create = (overrides: Record<string, unknown> = {}) => {
    const result = handle(contracts.createDivision, createDivision, createDivisionBody(t.merchantId, overrides), context);
    if (!result.ok) throw new Error(`createDivision failed: ${result.failure.key} ${result.failure.detail ?? ''}`);
    return result.value.fields.divisionId as string;
  };
  return { t, context, create };
}

const paramIllegal = (detail: string) => ({ ok: false, failure: { key: 'PARAM_ILLEGAL', detail } });

describe('Create Division', () => {
  it('stores the division under the merchant, indexed by its external id, and returns a 21-digit divisionId', async () => {
    const { t, create } = await setup();
    const divisionId = create({ externalDivisionId: 'div-1' });
    expect(divisionId).toMatch(/^2166\d{17}$/);
    expect(t.sim.runtime.db.get(DIVISIONS, `${t.merchantId}:${divisionId}`)).toMatchObject({
      divisionId,
      externalDivisionId: 'div-1',
      parentRoleType: 'MERCHANT',
      createdAt: 7_000,
    });
    expect(t.sim.runtime.db.get(DIVISIONS, `${t.merchantId}:${divisionId}`)).not.toHaveProperty('parentDivisionId');
    expect(t.sim.runtime.db.get(DIVISION_EXTERNAL_IDS, `${t.merchantId}:div-1`)).toBe(divisionId);
  });

  it('answers a repeated externalDivisionId with the first division and nests divisions under existing ones only', async () => {
    const { t, context, create } = await setup();
    const parent = create({ externalDivisionId: 'parent' });
    expect(create({ externalDivisionId: 'parent', divisionName: 'Again' })).toBe(parent);
    expect(create({ externalDivisionId: 'child-1', parentRoleType: 'DIVISION', parentDivisionId: parent })).not.toBe(parent);
    expect(create({ externalDivisionId: 'child-2', parentRoleType: 'EXTERNAL_DIVISION', parentDivisionId: 'parent' })).toMatch(/^2166/);
    const orphan = handle(
      contracts.createDivision,
      createDivision,
      createDivisionBody(t.merchantId, {
        externalDivisionId: 'orphan',
        parentRoleType: 'DIVISION',
        parentDivisionId: '216600000000000000000',
      }),
      context,
    );
    expect(orphan).toEqual(paramIllegal('parentDivisionId'));
    expect(t.sim.runtime.db.size(DIVISIONS)).toBe(3);
  });

  it("refuses another merchant's id with MERCHANT_NOT_EXIST", async () => {
    const { context } = await setup();
    expect(handle(contracts.createDivision, createDivision, createDivisionBody('216600000000000000000'), context)).toEqual({
      ok: false,
      failure: { key: 'MERCHANT_NOT_EXIST' },
    });
  });
});

describe('Query Division', () => {
  it('finds a division by DANA id or external id as DivisionResourceInfo', async () => {
    const { t, context, create } = await setup();
    const divisionId = create({ externalDivisionId: 'div-q' });
    const expected = {
      ok: true,
      value: {
        key: 'SUCCESS',
        fields: {
          divisionResourceInfo: {
            divisionId,
            merchantId: t.merchantId,
            parentRoleType: 'MERCHANT',
            contactAddress: createDivisionBody(t.merchantId).divisionAddress,
            divisionDescription: 'description',
            divisionType: 'REGION',
            divisionName: 'Divisi Uji',
            externalDivisionId: 'div-q',
            pgDivisionFlag: 'true',
          },
        },
      },
    };
    expect(handle(contracts.queryDivision, queryDivision, { divisionId, divisionIdType: 'INNER_ID' }, context)).toEqual(expected);
    expect(
      handle(
        contracts.queryDivision,
        queryDivision,
        { merchantId: t.merchantId, divisionId: 'div-q', divisionIdType: 'EXTERNAL_ID' },
        context,
      ),
    ).toEqual(expected);
  });

  it('answers PARAM_ILLEGAL for unknown or over-long ids and EXTERNAL_ID without merchantId', async () => {
    const { t, context, create } = await setup();
    create({ externalDivisionId: 'div-u' });
    expect(handle(contracts.queryDivision, queryDivision, { divisionId: 'div-u', divisionIdType: 'INNER_ID' }, context)).toEqual(
      paramIllegal('divisionId'),
    );
    expect(handle(contracts.queryDivision, queryDivision, { divisionId: '2'.repeat(22), divisionIdType: 'INNER_ID' }, context)).toEqual(
      paramIllegal('divisionId'),
    );
    expect(handle(contracts.queryDivision, queryDivision, { divisionId: 'div-u', divisionIdType: 'EXTERNAL_ID' }, context)).toEqual(
      paramIllegal('merchantId'),
    );
    expect(
      handle(
        contracts.queryDivision,
        queryDivision,
        { merchantId: t.merchantId, divisionId: 'nope', divisionIdType: 'EXTERNAL_ID' },
        context,
      ),
    ).toEqual(paramIllegal('divisionId'));
  });
});

describe('Update Division', () => {
  it('replaces the fields sent and moves the external id to newExternalDivisionId', async () => {
    const { t, context, create } = await setup();
    const divisionId = create({ externalDivisionId: 'before' });
    expect(
      handle(
        contracts.updateDivision,
        updateDivision,
        updateDivisionBody(t.merchantId, divisionId, 'after'),
        handlerContext(t, { now: 8_000 }),
      ),
    ).toEqual({ ok: true, value: { key: 'SUCCESS', fields: {} } });
    expect(
      handle(
        contracts.queryDivision,
        queryDivision,
        { merchantId: t.merchantId, divisionId: 'after', divisionIdType: 'EXTERNAL_ID' },
        context,
      ),
    ).toMatchObject({
      value: {
        fields: {
          divisionResourceInfo: {
            divisionId,
            divisionName: 'Divisi Uji Baru',
            divisionType: 'AREA',
            externalDivisionId: 'after',
            pgDivisionFlag: 'true',
            contactAddress: { city: 'Kota Jakarta Pusat' },
          },
        },
      },
    });
    expect(
      handle(
        contracts.queryDivision,
        queryDivision,
        { merchantId: t.merchantId, divisionId: 'before', divisionIdType: 'EXTERNAL_ID' },
        context,
      ),
    ).toEqual(paramIllegal('divisionId'));
    expect(t.sim.runtime.db.get(DIVISIONS, `${t.merchantId}:${divisionId}`)).toMatchObject({ createdAt: 7_000, updatedAt: 8_000 });
  });

  it('names the division by the field its id type needs, and refuses a new external id another division holds', async () => {
    const { t, context, create } = await setup();
    create({ externalDivisionId: 'taken' });
    const divisionId = create({ externalDivisionId: 'mine' });
    const byExternal = updateDivisionBody(t.merchantId, '', 'mine', {
      divisionId: undefined,
      divisionIdType: 'EXTERNAL_ID',
      externalDivisionId: 'mine',
    });
    expect(handle(contracts.updateDivision, updateDivision, byExternal, context).ok).toBe(true);
    expect(handle(contracts.updateDivision, updateDivision, { ...byExternal, newExternalDivisionId: 'taken' }, context)).toEqual(
      paramIllegal('newExternalDivisionId'),
    );
    expect(handle(contracts.updateDivision, updateDivision, { ...byExternal, externalDivisionId: undefined }, context)).toEqual(
      paramIllegal('externalDivisionId'),
    );
    expect(
      handle(contracts.updateDivision, updateDivision, updateDivisionBody(t.merchantId, '', 'x', { divisionId: undefined }), context),
    ).toEqual(paramIllegal('divisionId'));
    expect(
      handle(contracts.updateDivision, updateDivision, updateDivisionBody(t.merchantId, '216600000000000000000', 'x'), context),
    ).toEqual(paramIllegal('divisionId'));
    expect(handle(contracts.updateDivision, updateDivision, updateDivisionBody('216600000000000000000', divisionId, 'x'), context)).toEqual(
      {
        ok: false,
        failure: { key: 'MERCHANT_NOT_EXIST' },
      },
    );
  });
});
