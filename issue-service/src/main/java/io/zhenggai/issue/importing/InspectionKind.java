package io.zhenggai.issue.importing;

/** 常规巡察 (routine) or 专项巡察 (special, on one theme such as 黄河流域生态保护和高质量发展). */
public enum InspectionKind { ROUTINE, SPECIAL }
