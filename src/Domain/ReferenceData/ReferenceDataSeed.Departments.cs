using WechatLogistics.Domain.DepartmentRequests;

namespace WechatLogistics.Domain.ReferenceData;

/// <summary>A few demo departments with a contact each, so the simulator can try 部门申报 out of the box.</summary>
public static partial class ReferenceDataSeed
{
    private static readonly (string Code, string Name, string ContactOpenId, string ContactName)[] Departments =
    [
        ("CS", "计算机学院", "o-dept-cs-1", "计算机学院办公室"),
        ("FL", "外国语学院", "o-dept-fl-1", "外国语学院办公室"),
        ("YOUTH", "校团委", "o-dept-youth-1", "校团委办公室"),
    ];

    public static IReadOnlyList<Department> CreateDepartments() =>
    [
        .. Departments.Select(d =>
        {
            var department = Department.Create(d.Name, d.Code, DepartmentId(d.Code));
            department.AddContact(d.ContactOpenId, d.ContactName);
            return department;
        }),
    ];

    public static Guid DepartmentId(string code) => DeterministicGuid.Create("department:" + code);
}
