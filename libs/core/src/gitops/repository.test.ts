import { describe, expect, it } from 'vitest';
import { GITOPS_REPOSITORY, repositoryFileUrl, repositoryWebUrl } from './repository.js';

describe('repository URLs', () => {
  it('links a file on the branch Argo CD follows, at an anchor', () => {
    const repository = { url: 'https://git.example.com/team/ops.git', revision: 'release' };
    expect(repositoryFileUrl('clusters/a/README.md', 'symptom-index', repository)).toBe(
      'https://git.example.com/team/ops/blob/release/clusters/a/README.md#symptom-index',
    );
  });

  it("is derived from this repository's constant", () => {
    expect(repositoryFileUrl('README.md')).toBe(
      `${GITOPS_REPOSITORY.url.replace(/\.git$/, '')}/blob/${GITOPS_REPOSITORY.revision}/README.md`,
    );
  });

  it('refuses an SSH remote, which has no web page to link', () => {
    expect(() =>
      repositoryWebUrl({ url: 'git@github.com:example-org/pms-gitops.git', revision: 'main' }),
    ).toThrow(
      /GITOPS_REPOSITORY \(libs\/core\/src\/gitops\/repository\.ts\) url = "git@github\.com:example-org\/pms-gitops\.git": not an HTTPS URL/,
    );
  });
});
