import { useReducer, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { graphql } from '../../generated/index.js';
import type { CreateExperimentInput } from '../../generated/graphql.js';
import { ArmsEditor } from './arms-editor.js';
import { armInputs, armsReducer, FIRST_ARMS } from './arms.js';
import { FIRST_OPT_IN, optInInputs, useExperimentPlan, type OptInRow } from './experiment-plan.js';
import { problemsOf, type Problems } from './form-problems.js';
import {
  GeneralFields,
  NEW_CHANGE,
  NO_GENERAL_VALUES,
  type GeneralValues,
} from './general-fields.js';
import { FIRST_METRICS, metricInputs, MetricsEditor, type MetricRow } from './metrics-editor.js';
import { PlanPanel, plannedValue, type PlannedRow } from './plan-panel.js';
import { ruleInputs, TargetingRules, type RuleRow } from './targeting-rules.js';

const FORM_DATA = graphql(`
  query NewExperimentForm {
    changes {
      slug
      title
    }
    metrics {
      key
      title
      unit
      direction
    }
  }
`);

const CREATE_CHANGE = graphql(`
  mutation CreateChangeFromForm($input: CreateChangeInput!) {
    createChange(input: $input) {
      slug
    }
  }
`);

const CREATE_EXPERIMENT = graphql(`
  mutation CreateExperimentFromForm($input: CreateExperimentInput!) {
    createExperiment(input: $input) {
      slug
    }
  }
`);

export function NewExperimentPage() {
  const navigate = useNavigate();
  const { data } = useQuery(FORM_DATA);
  const [createChange] = useMutation(CREATE_CHANGE);
  const [createExperiment, creating] = useMutation(CREATE_EXPERIMENT, {
    refetchQueries: ['Overview'],
  });
  const [general, setGeneral] = useState<GeneralValues>(NO_GENERAL_VALUES);
  const [arms, dispatchArms] = useReducer(armsReducer, FIRST_ARMS);
  const [rules, setRules] = useState<RuleRow[]>([]);
  const [metrics, setMetrics] = useState<MetricRow[]>(FIRST_METRICS);
  // On by default here: a guardrail is only worth setting if it stops the harm it sees.
  const [autoHalt, setAutoHalt] = useState(true);
  const [optIn, setOptIn] = useState<OptInRow>(FIRST_OPT_IN);
  const [planned, setPlanned] = useState<PlannedRow>({ value: '', followsPlan: true });
  const [problems, setProblems] = useState<Problems>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const planState = useExperimentPlan({
    arms: armInputs(arms),
    targeting: ruleInputs(rules),
    metrics: metricInputs(metrics),
    ...optInInputs(optIn),
  });
  const units = new Map((data?.metrics ?? []).map((m) => [m.key, m.unit]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems(new Map());
    setMessage(null);
    const { change, newChange } = general;
    const plannedHosts = plannedValue(planned, planState.plan);
    const input: CreateExperimentInput = {
      changeSlug: change === NEW_CHANGE ? newChange.slug : change,
      slug: general.slug.trim(),
      title: general.title.trim(),
      hypothesis: general.hypothesis.trim() || null,
      arms: armInputs(arms),
      targeting: ruleInputs(rules),
      metrics: metricInputs(metrics),
      autoHalt,
      plannedHostsPerArm: plannedHosts === '' ? null : Number(plannedHosts),
    };
    try {
      if (change === NEW_CHANGE) await createChange({ variables: { input: newChange } });
      const created = await createExperiment({ variables: { input } });
      void navigate(`/experiments/${created.data!.createExperiment.slug}`);
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found.problems);
      setMessage(
        found.message ?? `Please correct the ${found.problems.size} field(s) marked below.`,
      );
    }
  };

  return (
    <form
      className="new-experiment"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="new-heading"
    >
      <h1 id="new-heading">New experiment</h1>
      {message && (
        <p className="state error" role="alert">
          {message}
        </p>
      )}
      <GeneralFields
        values={general}
        changes={data?.changes ?? []}
        onChange={(patch) => setGeneral((values) => ({ ...values, ...patch }))}
        problems={problems}
      />
      <ArmsEditor arms={arms} dispatch={dispatchArms} problems={problems} />
      <TargetingRules rules={rules} onChange={setRules} problems={problems} />
      <MetricsEditor
        metrics={metrics}
        catalogue={data?.metrics ?? []}
        onChange={setMetrics}
        problems={problems}
      />
      <PlanPanel
        state={planState}
        optIn={optIn}
        onOptIn={setOptIn}
        planned={planned}
        onPlanned={setPlanned}
        units={units}
        problems={problems}
      />
      <p>
        <label>
          <input
            type="checkbox"
            checked={autoHalt}
            onChange={(e) => setAutoHalt(e.target.checked)}
          />{' '}
          Halt on its own when a guardrail is worse beyond its margin, or the sample ratio or
          contamination check fails (its owner can lift the halt)
        </label>
      </p>
      <p>
        <button type="submit" className="primary" disabled={creating.loading}>
          {creating.loading ? 'Creating…' : 'Create experiment'}
        </button>{' '}
        <span className="small muted">It starts as a draft; start it from its page.</span>
      </p>
    </form>
  );
}
