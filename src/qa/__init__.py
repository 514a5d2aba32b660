"""Question answering with citations over Communist Party of Viet Nam documents."""
