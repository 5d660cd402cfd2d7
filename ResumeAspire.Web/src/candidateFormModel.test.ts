import { describe, expect, it } from 'vitest';
import { candidateFormErrors, emptyCandidateForm, emptyExperience, formFromCandidate, toCandidateInput } from './candidateFormModel';
import { makeCandidate } from './test/jobs';

describe('candidate form model', () => {
  it('maps a candidate to the form and back unchanged', () => {
    const candidate = makeCandidate();
    const { id: _id, ...input } = candidate;
    expect(toCandidateInput(formFromCandidate(candidate))).toEqual(input);
  });

  it('routes indexed wire errors to the control that shows them', () => {
    const values = { ...emptyCandidateForm(), experience: [emptyExperience()] };
    const { fields, general } = candidateFormErrors(
      {
        full_name: ['Is required.'],
        'skills[2]': ['Is required.'],
        'experience[0].title': ['Is required.'],
        'experience[0].bullets[3]': ['Too long.'],
        'experience[0].bullets': ['At most 30 bullets per role.'],
        'experience[4].company': ['Is required.'],
        'education[0].school': ['Is required.'],
      },
      values,
    );
    expect(fields).toEqual({
      full_name: ['Is required.'],
      skills: ['Skill 3: Is required.'],
      'experience[0].title': ['Is required.'],
      'experience[0].bullets': ['Bullet 4: Too long.', 'At most 30 bullets per role.'],
    });
    // No such entries on the form: shown with the summary rather than lost.
    expect(general).toEqual(['Is required.', 'Is required.']);
  });
});
