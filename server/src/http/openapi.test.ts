import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { startTestApp, type TestApp } from '../testing/testApp.js';

describe('the OpenAPI document', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('When /openapi.json is validated against the OpenAPI 3.1 schema, then it has no errors', async () => {
    const document = (await request(app.url).get('/openapi.json')).body;
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('When any route is mounted, then the document describes it with its error envelope', async () => {
    const document = (await request(app.url).get('/openapi.json')).body;
    const operations = Object.values(
      document.paths as Record<string, Record<string, { responses: object }>>,
    ).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) expect(operation.responses).toHaveProperty('default');
  });
});
