public enum CoordinatorPlaceholder {}
