import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksListInputSchema, type TasksListInput } from '../../../shared/contract';
import { openDb, type Db } from '../db/open-db';
import { listStatements } from './task-list';

// Today's lists with 100,000 tasks (issue 14) stay fast only while their statements read an index
// in the list's own order: a full "TEMP B-TREE FOR ORDER BY" sorts every task of the status
// again, and a count that leaves its partial index visits every row. The plans do not depend on
// the data (no ANALYZE), so an empty database shows the plan a large one gets.
let db: Db;
beforeAll(() => {
  db = openDb(':memory:');
});
afterAll(() => db.close());

function plans(input: TasksListInput): { page: string[]; count: string[] } {
  const statements = listStatements(tasksListInputSchema.parse(input), ['Email Agent'])!;
  const plan = (statement: { sql: string; params: unknown[] }) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.params) as { detail: string }[]).map((row) => row.detail);
  return { page: plan(statements.page), count: plan(statements.count) };
}

/** No step sorts the whole result (sorting ties on the later ORDER BY terms is fine) or scans the table. */
function expectNoFullSortOrScan(steps: string[]): void {
  expect(steps).not.toContain('USE TEMP B-TREE FOR ORDER BY');
  expect(steps.filter((step) => /^SCAN squad_tasks$/.test(step))).toEqual([]);
}

describe("Today's lists read indexes in their own order", () => {
  it('"what ran": completed tasks without a dry-run problem, newest first', () => {
    const { page, count } = plans({ status: ['completed'], dryRun: 'no_problem', sort: 'updatedAt', direction: 'desc', limit: 6 });
    expect(page).toContain('SEARCH squad_tasks USING INDEX idx_tasks_status_updated (status=?)');
    expectNoFullSortOrScan(page);
    // all completed minus those with a problem: two index-only counts, no verdict per row
    expect(count).toContain('SEARCH squad_tasks USING COVERING INDEX idx_tasks_status_updated (status=?)');
    expect(count.some((step) => step.includes('idx_tasks_dry_run_problem'))).toBe(true);
    expect(count.join('\n')).not.toMatch(/task_executions|SEARCH e /);
  });

  it('failed tasks, newest first', () => {
    const { page, count } = plans({ status: ['failed'], sort: 'updatedAt', direction: 'desc', limit: 6 });
    expect(page).toContain('SEARCH squad_tasks USING INDEX idx_tasks_status_updated (status=?)');
    expectNoFullSortOrScan(page);
    expect(count).toEqual(['SEARCH squad_tasks USING COVERING INDEX idx_tasks_status_updated (status=?)']);
  });

  it('dry-run problems, alone and by status', () => {
    const inputs: TasksListInput[] = [
      { dryRun: 'any_problem', limit: 1 },
      { dryRun: 'would_fail', status: ['new'], limit: 200 },
    ];
    for (const input of inputs) {
      const { page, count } = plans(input);
      expect(page).toContain('SCAN squad_tasks USING INDEX idx_tasks_dry_run_problem');
      expectNoFullSortOrScan(page);
      expect(count).toEqual(['SCAN squad_tasks USING COVERING INDEX idx_tasks_dry_run_problem']);
    }
  });

  it('waiting for a decision, in the inbox order', () => {
    const { page, count } = plans({ awaitingApproval: true, sort: 'priority', direction: 'asc', limit: 6 });
    expect(page).toContain('SCAN squad_tasks USING INDEX idx_tasks_awaiting');
    expectNoFullSortOrScan(page);
    expect(count).toEqual(['SCAN squad_tasks USING INDEX idx_tasks_awaiting']);
  });

  it('ran without a rule, newest first', () => {
    const { page, count } = plans({ ranWithoutRule: true, sort: 'updatedAt', direction: 'desc', limit: 6 });
    expect(page).toContain('SCAN squad_tasks USING INDEX idx_tasks_ran_without_rule');
    expectNoFullSortOrScan(page);
    expect(count).toEqual(['SCAN squad_tasks USING INDEX idx_tasks_ran_without_rule', 'SEARCH e EXISTS USING COVERING INDEX idx_executions_task (task_id=?)']);
  });

  it("the queue's agent filter in its default order", () => {
    const { page, count } = plans({ agent: ['Email Agent'], sort: 'priority', direction: 'asc', limit: 200 });
    expect(page).toContain('SEARCH squad_tasks USING INDEX idx_tasks_agent_priority_order (assigned_agent=?)');
    expectNoFullSortOrScan(page);
    expect(count).toEqual(['SEARCH squad_tasks USING COVERING INDEX idx_tasks_agent_priority_order (assigned_agent=?)']);
  });

  it('the queue without filters and a status sorted by priority keep their indexes', () => {
    expect(plans({ sort: 'priority', direction: 'asc', limit: 200 }).page).toContain('SCAN squad_tasks USING INDEX idx_tasks_priority_order');
    expect(plans({ sort: 'updatedAt', direction: 'desc', limit: 200 }).page).toContain('SCAN squad_tasks USING INDEX idx_tasks_updated');
    expect(plans({ status: ['failed'], sort: 'priority', direction: 'asc', limit: 200 }).page).toContain('SEARCH squad_tasks USING INDEX idx_tasks_status_priority_order (status=?)');
  });
});
