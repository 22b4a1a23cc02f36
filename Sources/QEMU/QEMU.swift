public enum QEMUPlaceholder {}
