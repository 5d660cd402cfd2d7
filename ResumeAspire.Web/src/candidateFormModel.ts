// The candidate form's own shape (text as typed) and its mapping to and from the Api's candidate.
import type { Candidate, CandidateInput } from './api';
import { assignErrors, type FieldErrors } from './fieldErrors';

export interface ExperienceValues {
  /** Stable React key: entries can be removed from the middle. */
  key: string;
  company: string;
  title: string;
  startDate: string;
  endDate: string;
  /** One bullet per line. */
  bullets: string;
}

export interface EducationValues {
  key: string;
  school: string;
  degree: string;
  year: string;
}

export interface CandidateFormValues {
  fullName: string;
  email: string;
  phone: string;
  location: string;
  headline: string;
  summary: string;
  /** Comma-separated. */
  skills: string;
  experience: ExperienceValues[];
  education: EducationValues[];
}

let keys = 0;
const newKey = () => `entry-${++keys}`;

export const emptyExperience = (): ExperienceValues => ({ key: newKey(), company: '', title: '', startDate: '', endDate: '', bullets: '' });
export const emptyEducation = (): EducationValues => ({ key: newKey(), school: '', degree: '', year: '' });

export function emptyCandidateForm(): CandidateFormValues {
  return { fullName: '', email: '', phone: '', location: '', headline: '', summary: '', skills: '', experience: [], education: [] };
}

/** Pre-fills the form for editing. */
export function formFromCandidate(c: Candidate): CandidateFormValues {
  return {
    fullName: c.full_name,
    email: c.email ?? '',
    phone: c.phone ?? '',
    location: c.location ?? '',
    headline: c.headline ?? '',
    summary: c.summary ?? '',
    skills: c.skills.join(', '),
    experience: c.experience.map((e) => ({
      key: newKey(),
      company: e.company,
      title: e.title,
      startDate: e.start_date ?? '',
      endDate: e.end_date ?? '',
      bullets: e.bullets.join('\n'),
    })),
    education: c.education.map((e) => ({ key: newKey(), school: e.school, degree: e.degree ?? '', year: e.year ?? '' })),
  };
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

export const splitSkills = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const splitBullets = (text: string) =>
  text
    .split('\n')
    .map((b) => b.trim())
    .filter(Boolean);

/**
 * Every entry the user added is sent, even a blank one: the Api then names its missing fields,
 * and the request's indexes stay those of the form, so its errors land on the right entry.
 */
export function toCandidateInput(v: CandidateFormValues): CandidateInput {
  return {
    full_name: v.fullName.trim(),
    email: orNull(v.email),
    phone: orNull(v.phone),
    location: orNull(v.location),
    headline: orNull(v.headline),
    summary: orNull(v.summary),
    skills: splitSkills(v.skills),
    experience: v.experience.map((e) => ({
      company: e.company.trim(),
      title: e.title.trim(),
      start_date: orNull(e.startDate),
      end_date: orNull(e.endDate),
      bullets: splitBullets(e.bullets),
    })),
    education: v.education.map((e) => ({ school: e.school.trim(), degree: orNull(e.degree), year: orNull(e.year) })),
  };
}

const SIMPLE_FIELDS = new Set(['full_name', 'email', 'phone', 'location', 'headline', 'summary', 'skills', 'experience', 'education']);

/**
 * Sorts the Api's validation errors onto the form's fields. Field keys are the wire names, with a
 * list item's errors gathered on its list's control: `skills[2]` shows on `skills` as "Skill 3: …",
 * `experience[0].bullets[1]` on `experience[0].bullets` as "Bullet 2: …".
 */
export function candidateFormErrors(errors: FieldErrors, values: CandidateFormValues) {
  return assignErrors(errors, (key, message) => {
    if (SIMPLE_FIELDS.has(key)) return { field: key, message };

    let m = /^skills\[(\d+)\]$/.exec(key);
    if (m) return { field: 'skills', message: `Skill ${Number(m[1]) + 1}: ${message}` };

    m = /^experience\[(\d+)\](?:\.(company|title|start_date|end_date|bullets)(?:\[(\d+)\])?)?$/.exec(key);
    if (m && Number(m[1]) < values.experience.length) {
      if (!m[2]) return { field: `experience[${m[1]}]`, message };
      if (m[3] !== undefined) {
        if (m[2] !== 'bullets') return null;
        return { field: `experience[${m[1]}].bullets`, message: `Bullet ${Number(m[3]) + 1}: ${message}` };
      }
      return { field: `experience[${m[1]}].${m[2]}`, message };
    }

    m = /^education\[(\d+)\](?:\.(school|degree|year))?$/.exec(key);
    if (m && Number(m[1]) < values.education.length) {
      return { field: m[2] ? `education[${m[1]}].${m[2]}` : `education[${m[1]}]`, message };
    }
    return null;
  });
}
