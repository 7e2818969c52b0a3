## core policy: the policy file, expressions, skip logic, evaluation.
