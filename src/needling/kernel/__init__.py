"""The shared kernel: small helpers every app uses (paging, ...). It imports no app of ours."""
