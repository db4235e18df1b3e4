import type { Country, GuidanceTopic, SourceId } from './facts.ts';

/** One thing the person can do: a short title, a few plain sentences, and where the facts come from. */
export interface GuidanceStep {
  title: string;
  text: string;
  /** Empty only for the service's own advice, which `ownAdvice` marks as such. */
  sources: SourceId[];
  ownAdvice?: boolean;
}

export interface GuidanceTopicText {
  title: string;
  /** One line on the index card. */
  summary: string;
  /** Calm opening: what this is and that it is not the person's fault. */
  lead: string;
  leadSources: SourceId[];
  steps: GuidanceStep[];
}

/** Everything a guidance page says in one language. */
export interface GuidanceText {
  indexTitle: string;
  indexLead: string;
  topicsHeading: string;
  readTopic: string;
  dangerHeading: string;
  dangerText: string;
  dangerUs: string;
  stepsHeading: string;
  optionsNote: string;
  serviceHeading: string;
  serviceEvidence: string;
  serviceTakedown: string;
  serviceCase: string;
  serviceExposures: string;
  serviceBackToExposure: string;
  helplinesHeading: string;
  helplinesLead: string;
  /** `{date}` is the date the contacts were listed: once above the helplines, and short beside each. */
  listedOn: string;
  listedShort: string;
  sourceLabel: string;
  sourcesHeading: string;
  sourcesNote: string;
  ownAdvice: string;
  otherTopics: string;
  countries: Record<Country, string>;
  helps: Record<string, string>;
  topics: Record<GuidanceTopic, GuidanceTopicText>;
}
